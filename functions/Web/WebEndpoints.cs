using CpAlerts.Application.Configuration;
using CpAlerts.Application.Ports;
using CpAlerts.Domain.Acknowledgements;
using CpAlerts.Domain.Calendar;
using CpAlerts.Domain.Escalation;
using CpAlerts.Domain.Notifications;
using CpAlerts.Domain.Recipients;
using CpAlerts.Domain.Records;
using CpAlerts.Domain.Rules;
using NodaTime;
using NodaTime.Text;

namespace CpAlerts.Functions.Web;

/// <summary>
/// The team view's HTTP functions (Home, TeamView, Acknowledge, WithdrawAcknowledgement: httpTrigger with an http output,
/// so with host.json's enableForwardingHttpRequest the host forwards the browser's request to the same path on the
/// handler, query string, headers and form body included, and returns our status and headers as they are:
/// azure-functions-host, DefaultHttpWorkerService.ProcessHttpInAndOutInvocationRequest and
/// HttpRequestExtensions.ToHttpRequestMessage). Every state change is a POST with a form token; GETs change nothing.
/// </summary>
public sealed class WebEndpoints(SignedInStaff signIn, TeamItems teamItems, IAcknowledgementStore acknowledgements, FormToken tokens,
    SweepSettings rules, DeliverySettings delivery, IClock clock, ILogger logger)
{
    /// <summary>The function names (function.json folders): the app's address, and the pages under /api (<see cref="TeamViewRoutes"/>).</summary>
    public const string Home = "Home", TeamView = "TeamView", Acknowledge = "Acknowledge", WithdrawAcknowledgement = "WithdrawAcknowledgement";

    private readonly NotificationPolicy _policy = new(rules.Policy, rules.Calendar);

    private static readonly string[] ReadMethods = [HttpMethods.Get, HttpMethods.Head];

    public void Map(WebApplication app, SignInMode mode)
    {
        app.Use(async (http, next) =>
        {
            // No scripts, frames, fonts or images from anywhere; forms only to ourselves; URLs with case references not leaked.
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.CacheControl = "no-store";
            await next(http);
        });
        // The app's address is the team view itself, not a redirect: whether the host's client follows a redirect is
        // disputed (docs/architecture.md), and serving the page needs neither answer. "/" reaches us only because it is a
        // function's route (functions/Home, host.json's empty routePrefix): the host answers "/" with its own page only
        // when no function ran (azure-functions-host, HomepageMiddleware).
        // The host's readiness check GETs "/" too (DefaultHttpWorkerService.IsWorkerReady: any answer will do); without a
        // signed-in identity it is told "not signed in" before any storage is read.
        // GET and HEAD: newer hosts route HEAD to every GET function and forward it (azure-functions-host,
        // WebScriptHostHttpRoutesManager.BuildConstraintMethods); Kestrel sends no body for a HEAD.
        app.MapMethods(TeamViewRoutes.Home, ReadMethods, (Delegate)((HttpContext http) => Page(http, Home, TeamAsync)));
        app.MapMethods(TeamViewRoutes.Team, ReadMethods, (Delegate)((HttpContext http) => Page(http, TeamView, TeamAsync)));
        app.MapMethods(TeamViewRoutes.Acknowledge, ReadMethods, (Delegate)((HttpContext http) => Page(http, Acknowledge, AcknowledgeFormAsync)));
        app.MapPost(TeamViewRoutes.Acknowledge, (Delegate)((HttpContext http) => Page(http, Acknowledge, AcknowledgeAsync)));
        app.MapPost(TeamViewRoutes.Withdraw, (Delegate)((HttpContext http) => Page(http, WithdrawAcknowledgement, WithdrawAsync)));
        if (mode == SignInMode.Development)
        {
            // Not a function in function.json: the Functions host never routes to it, so it exists only on a workstation.
            app.MapGet("/dev/sign-in", (HttpContext http) => Html(WebPages.DevelopmentSignIn(signIn.Email(http.Request))));
            app.MapPost("/dev/sign-in", async (HttpContext http) =>
            {
                var (form, refusal) = await PostedForm.ReadAsync(http);
                if (refusal is not null)
                {
                    return Html(refusal);
                }

                var email = form["email"].ToString().Trim();
                if (!EmailAddresses.IsValid(email))
                {
                    return Html(WebPages.Message(400, "That is not an email address", "Type a staff email address from staff.csv.", ("Try again", "/dev/sign-in")));
                }

                http.Response.Cookies.Append(SignedInStaff.DevelopmentCookie, email, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/" });
                return Html(WebPages.DevelopmentSignIn(email));
            });
            app.MapGet(SignedInStaff.DevelopmentSignOut, (HttpContext http) =>
            {
                http.Response.Cookies.Delete(SignedInStaff.DevelopmentCookie, new CookieOptions { Path = "/" });
                return Html(WebPages.DevelopmentSignIn(null));
            });
        }
    }

    private async Task<IResult> Page(HttpContext http, string function, Func<HttpContext, SignedIn, Task<WebPage>> page)
    {
        var council = http.Request.Query["council"].ToString() is { Length: > 0 } c ? c : null;
        WebPage? refusal = null;
        if (signIn.Email(http.Request) is null)
        {
            // Sign-in first: nothing of a request from nobody is read, its body least of all.
            (_, refusal) = await signIn.ResolveAsync(http.Request, council, http.RequestAborted);
        }
        else if (http.Request.HasFormContentType)
        {
            (var form, refusal) = await PostedForm.ReadAsync(http);
            council = form["council"].ToString() is { Length: > 0 } fc ? fc : council;
        }

        SignedIn? who = null;
        if (refusal is null)
        {
            // A council code in a link is the council whatever its case, as everywhere else (CouncilCode.Normalize).
            (who, refusal) = await signIn.ResolveAsync(http.Request, CouncilCode.Normalize(council) ?? council, http.RequestAborted);
        }

        var result = refusal ?? await page(http, who!);
        // Function and status only: no email addresses, case references or finding keys in logs.
        WebLog.Answered(logger, function, result.Status);
        return Html(result);
    }

    private static IResult Html(WebPage page) => Results.Content(page.Html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, page.Status);

    private LocalDate Today => LondonTime.DateOf(clock.GetCurrentInstant());

    private bool NamesShown(SignedIn who) => delivery.FullNamesFor.Contains(AudienceRoles.AudienceOf(who.Scope.Me.Role));

    private PageContext PageFor(SignedIn who) => new(delivery, Today, NamesShown(who));

    private async Task<WebPage> TeamAsync(HttpContext http, SignedIn who)
    {
        var q = http.Request.Query;
        var filter = new TeamFilter(
            q["worker"].ToString() is { Length: > 0 } w ? w : null,
            RuleIds.TryParse(q["rule"].ToString(), out var rule) ? rule : null,
            int.TryParse(q["level"].ToString(), out var level) && Enum.IsDefined((EscalationLevel)level) ? (EscalationLevel)level : null,
            q["team"].ToString() is { Length: > 0 } team ? team : null,
            int.TryParse(q["page"].ToString(), out var number) && number > 0 ? number : 1);
        var page = PageFor(who);
        var items = await teamItems.ReadAsync(who, page.Today, http.RequestAborted);
        return WebPages.Team(who, items, filter, tokens.Issue(who.Council, who.Me.StaffId), page);
    }

    /// <summary>The item named by the request, if it is open and the signed-in member of staff's to act on; else the page saying why not.</summary>
    private async Task<(TeamItem? Item, WebPage? Refusal)> ItemAsync(SignedIn who, string? childId, string? findingKey, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(childId) || string.IsNullOrEmpty(findingKey))
        {
            return (null, WebPages.Message(400, "The link is incomplete", "Open the item from the team view instead.", ("Open items", WebPages.TeamHref(who.Council))));
        }

        var item = await teamItems.FindAsync(who, childId, findingKey, Today, cancellationToken);
        if (item is null)
        {
            return (null, WebPages.Message(404, "This item is no longer open", "The latest daily check found it done, or its date has changed: there is nothing to say is in hand. (A child allocated to a new social worker since this morning's check is listed again after tomorrow's.)", ("Open items", WebPages.TeamHref(who.Council))));
        }

        return who.Scope.Covers(item.Open.SocialWorkerId, who.Staff)
            ? (item, null)
            : (null, WebPages.Message(403, "This child is not one of yours",
                "You can say items are in hand only for children you (or, for a manager, your team) are responsible for. Ask the child's social worker or their team manager.",
                ("Open items", WebPages.TeamHref(who.Council))));
    }

    private async Task<WebPage> AcknowledgeFormAsync(HttpContext http, SignedIn who)
    {
        var (item, refusal) = await ItemAsync(who, http.Request.Query["child"], http.Request.Query["finding"], http.RequestAborted);
        if (refusal is not null)
        {
            return refusal;
        }

        var page = PageFor(who);
        var first = await FirstSaidOnAsync(who, item!, http.RequestAborted);
        // Held for as long as allowed already: the page says so (a GET that asks nothing wrong answers 200).
        var usedUp = first is not null && _policy.LatestInHandUntil(item!.Finding.Rule, first.Value) < page.Today
            ? _policy.AcknowledgementProblem(item.Finding.Rule, TimescaleReasons.For(item.Finding.Rule)[0], null, page.Today, page.Today, first)
            : null;
        return WebPages.AcknowledgeForm(who, item!, tokens.Issue(who.Council, who.Me.StaffId), page, _policy.LatestInHandUntil(item!.Finding.Rule, first ?? page.Today),
            await teamItems.HistoryAsync(who, item!, http.RequestAborted), usedUp is null ? null : new FormProblem(usedUp, null)) with { Status = 200 };
    }

    /// <summary>The London day anyone first said the item is in hand: the limit counts from then, however often it is said again.</summary>
    private async Task<LocalDate?> FirstSaidOnAsync(SignedIn who, TeamItem item, CancellationToken cancellationToken) =>
        await acknowledgements.FirstAcknowledgedAsync(who.Council, item.Finding.Key, cancellationToken) is { } at ? LondonTime.DateOf(at) : null;

    /// <summary>A posted form's item: refused unless the form carries the signed-in person's token and the item is theirs to act on.</summary>
    private async Task<(IFormCollection Form, TeamItem? Item, WebPage? Refusal)> PostedItemAsync(HttpContext http, SignedIn who)
    {
        // The host forwards a body (and its Content-Type) only when Content-Length > 0 (HttpRequestExtensions.ToHttpRequestMessage):
        // a bodyless or chunked POST arrives without a form, which is refused like a forged one, not answered with a 500.
        var (form, _) = await PostedForm.ReadAsync(http); // read and checked already by Page
        if (!tokens.IsValid(form[FormToken.Field], who.Council, who.Me.StaffId))
        {
            return (form, null, Forged(who));
        }

        var (item, refusal) = await ItemAsync(who, form["child"], form["finding"], http.RequestAborted);
        return (form, item, refusal);
    }

    private async Task<WebPage> AcknowledgeAsync(HttpContext http, SignedIn who)
    {
        var (form, item, refusal) = await PostedItemAsync(http, who);
        if (refusal is not null)
        {
            return refusal;
        }

        var page = PageFor(who);
        var today = page.Today;
        var other = PlainText.Clean(form["other"].ToString());
        var untilText = form["until"].ToString();
        var parsedReason = AcknowledgementReasons.TryParse(form["reason"], out var reason) ? reason : (AcknowledgementReason?)null;
        var first = await FirstSaidOnAsync(who, item!, http.RequestAborted);
        var f = item!.Finding;
        // The form again, as filled in, with what is wrong at the top, linked to the field to fix.
        async Task<WebPage> Again(string problem, string field) => WebPages.AcknowledgeForm(who, item!, tokens.Issue(who.Council, who.Me.StaffId), page,
            _policy.LatestInHandUntil(f.Rule, first ?? today), await teamItems.HistoryAsync(who, item!, http.RequestAborted), new FormProblem(problem, field), parsedReason, other, untilText);

        if (parsedReason is null || !TimescaleReasons.Fits(f.Rule, reason))
        {
            return await Again("Choose why it is in hand.", WebPages.FirstReasonId(f.Rule));
        }

        if (untilText.Length == 0)
        {
            return await Again("Enter the date it is in hand until: the day you expect it to be done.", "until");
        }

        if (LocalDatePattern.Iso.Parse(untilText) is not { Success: true } until)
        {
            return await Again("Enter the date it is in hand until as a date, for example 2026-12-09.", "until");
        }

        if (_policy.AcknowledgementProblem(f.Rule, reason, other, until.Value, today, first) is { } problem)
        {
            return await Again(problem, reason == AcknowledgementReason.Other && (string.IsNullOrWhiteSpace(other) || PlainText.LooksPersonal(other)) ? "other" : "until");
        }

        await teamItems.MarkInHandAsync(who, item, new Acknowledgement(f.Key, f.Rule, f.ChildId, f.SubjectId, f.Level, reason,
            reason == AcknowledgementReason.Other ? other[..Math.Min(other.Length, 200)] : null, until.Value, who.Me.StaffId, clock.GetCurrentInstant()), http.RequestAborted);
        return WebPages.Done(who, "Saved: in hand",
            $"{f.Rule.Title()} for {f.ChildId} is in hand until {CpAlerts.Application.Wording.PeopleDates.Format(until.Value)}. Nobody above its current status is told about it until then.");
    }

    private async Task<WebPage> WithdrawAsync(HttpContext http, SignedIn who)
    {
        var (_, item, refusal) = await PostedItemAsync(http, who);
        if (refusal is not null)
        {
            return refusal;
        }

        return await teamItems.WithdrawAsync(who, item!, clock.GetCurrentInstant(), http.RequestAborted)
            ? WebPages.Done(who, "No longer in hand", $"{item!.Finding.Rule.Title()} for {item.Finding.ChildId} is escalated as usual from tomorrow morning, if it is still open.")
            : WebPages.Message(409, "It is not in hand", "It was already ended, perhaps a moment ago. Look at the open items to see where it stands.", ("Open items", WebPages.TeamHref(who.Council)));
    }

    private static WebPage Forged(SignedIn who) => WebPages.Message(400, "This form could not be accepted",
        $"It has expired (forms can be sent for {FormToken.Lifetime.TotalHours:0} hours after the page was opened) or it was not sent from the page you opened. Open the item again from the open items and try once more.",
        ("Open items", WebPages.TeamHref(who.Council)));
}

/// <summary>The team view's log line: the function and the status only.</summary>
internal static partial class WebLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{Function} answered {Status}")]
    public static partial void Answered(ILogger logger, string function, int status);
}
