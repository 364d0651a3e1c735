using System.Globalization;
using System.Net;
using System.Text;
using CpAlerts.Application.Configuration;
using CpAlerts.Application.Delivery;
using CpAlerts.Application.Wording;
using CpAlerts.Domain.Acknowledgements;
using CpAlerts.Domain.Escalation;
using CpAlerts.Domain.Recipients;
using CpAlerts.Domain.Rules;
using NodaTime;
using NodaTime.Text;

namespace CpAlerts.Functions.Web;

/// <summary>A page to answer with: its HTTP status and HTML.</summary>
public sealed record WebPage(int Status, string Html);

/// <summary>What is wrong with a form, and the id of the field to fix (null: the form as a whole).</summary>
public sealed record FormProblem(string Text, string? Field);

/// <summary>Which items the team view shows: one social worker's, one rule's, one level's (null: all).</summary>
public sealed record TeamFilter(string? Worker, RuleId? Rule, EscalationLevel? Level)
{
    public bool Matches(TeamItem item) =>
        (Worker is null || item.Worker?.StaffId == Worker) && (Rule is null || item.Finding.Rule == Rule) && (Level is null || item.Finding.Level == Level);
}

/// <summary>
/// The team view's pages: server-rendered HTML, every value encoded, no scripts, fonts or images from anywhere
/// (the Content-Security-Policy forbids them), GOV.UK-style contrast and focus, one column on a phone.
/// </summary>
public static class WebPages
{
    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private static readonly LocalDatePattern IsoDate = LocalDatePattern.Iso;

    private static string Date(LocalDate date) => PeopleDates.Format(date);

    private const string Style = """
        body { font-family: Arial, Helvetica, sans-serif; color: #0b0c0c; background: #fff; margin: 0; line-height: 1.5; font-size: 1.1875rem; }
        .skip { position: absolute; left: -9999px; } .skip:focus { left: 8px; top: 8px; background: #ffdd00; padding: 8px; }
        header { background: #0b0c0c; color: #fff; padding: 8px 16px; } header a { color: #fff; }
        main { max-width: 960px; margin: 0 auto; padding: 16px; overflow-wrap: anywhere; }
        h1 { font-size: 1.8rem; margin: 8px 0 16px; } h2 { font-size: 1.4rem; margin-top: 32px; } h3 { font-size: 1.2rem; margin: 0 0 4px; }
        a { color: #1d70b8; } a:visited { color: #4c2c92; }
        a:focus, button:focus, input:focus, select:focus { outline: 3px solid #ffdd00; outline-offset: 0; box-shadow: 0 0 0 6px #0b0c0c; }
        label, legend { font-weight: bold; display: block; margin: 12px 0 4px; }
        th { overflow-wrap: normal; }
        select, input[type=date], input[type=text], input[type=email] { font-size: 1.1875rem; padding: 6px; border: 2px solid #0b0c0c; max-width: 100%; box-sizing: border-box; }
        fieldset { border: 0; padding: 0; margin: 0; } .choice { display: flex; gap: 8px; align-items: center; margin: 8px 0; } .choice label { font-weight: normal; margin: 0; display: inline; }
        .choice input { width: 24px; height: 24px; margin: 0; }
        button { font-size: 1.1875rem; background: #00703c; color: #fff; border: 0; box-shadow: 0 2px 0 #002d18; padding: 8px 16px; margin: 12px 8px 12px 0; cursor: pointer; }
        button.secondary { background: #f3f2f1; color: #0b0c0c; box-shadow: 0 2px 0 #929191; }
        .filters { display: flex; flex-wrap: wrap; gap: 0 16px; align-items: flex-end; } .filters > div { min-width: 0; max-width: 100%; }
        .skip-text { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        .items { list-style: none; padding: 0; } .items > li { border-top: 1px solid #b1b4b6; padding: 12px 0; }
        .level { font-weight: bold; padding: 0 6px; border: 2px solid currentColor; white-space: nowrap; }
        .level-0 { color: #594d00; } .level-1 { color: #8a3300; } .level-2 { color: #b10e1e; }
        .inhand { border-left: 5px solid #1d70b8; padding-left: 8px; } .lapsed { border-left: 5px solid #b10e1e; padding-left: 8px; }
        .error { border: 4px solid #d4351c; padding: 12px; } .hint { color: #505a5f; } .done { border: 4px solid #00703c; padding: 12px; }
        table { border-collapse: collapse; } th, td { text-align: left; padding: 4px 12px 4px 0; border-bottom: 1px solid #b1b4b6; }
        form.inline { display: inline; }
        .cell-label { display: none; }
        /* On a phone a table is one column, its header row kept for screen readers only, and each data cell shows its
           column's heading (.cell-label, as in the emails), so no count is left bare. */
        @media (max-width: 600px) {
          table, thead, tbody, tr, td, th, caption { display: block; }
          thead tr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
          tr { border-bottom: 1px solid #b1b4b6; padding: 4px 0; } td { border-bottom: none; padding: 2px 0; }
          .cell-label { display: inline; font-weight: bold; }
        }
        """;

    /// <summary>The id of the first reason's radio button: where "Choose why it is in hand" takes the reader.</summary>
    public static readonly string FirstReasonId = $"reason-{AcknowledgementReason.AppointmentBooked.Code()}";

    private static string Layout(string title, string body, SignedIn? who = null) =>
        $"""
        <!DOCTYPE html>
        <html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{E(title)} – CpAlerts</title><style>{Style}</style></head>
        <body><a class="skip" href="#main">Skip to main content</a>
        <header>CpAlerts{(who is null ? "" : $" · signed in as {E(who.Me.Name)} ({E(RoleWords(who))}, {E(who.Council)})")}</header>
        <main id="main">{body}</main></body></html>
        """;

    private static string RoleWords(SignedIn who) => who.Scope.Kind switch
    {
        TeamScopeKind.OwnChildren => "social worker",
        TeamScopeKind.Team => "team manager",
        _ => "head of service",
    };

    public static WebPage Message(int status, string title, string text, params (string Text, string Href)[] links) =>
        new(status, Layout(title, $"<h1>{E(title)}</h1><p>{E(text)}</p>{string.Concat(links.Select(l => $"<p><a href=\"{E(l.Href)}\">{E(l.Text)}</a></p>"))}"));

    public static string TeamHref(string council) => TeamViewRoutes.TeamOf(council);

    /// <summary>The team view: filters, counts, then every open item with what can be done about it.</summary>
    public static WebPage Team(SignedIn who, IReadOnlyList<TeamItem> all, TeamFilter filter, string token, LocalDate today, bool namesShown)
    {
        var items = all.Where(filter.Matches).ToList();
        var html = new StringBuilder();
        var heading = who.Scope.Kind switch
        {
            TeamScopeKind.OwnChildren => "Open items for your children",
            TeamScopeKind.Team => "Open items for your team",
            _ => "Open items for every team",
        };
        html.Append(CultureInfo.InvariantCulture, $"<h1>{E(heading)}</h1>");
        html.Append(CultureInfo.InvariantCulture, $"<p>Today, {E(Date(today))}, from the latest imported records. Listed as in the weekly digest: what can still be done this week first.</p>");

        // Filters: a GET form, so the filtered view is a link that can be shared with a colleague who may see it.
        html.Append($"<form method=\"get\" action=\"{TeamViewRoutes.Team}\"><h2>Filter</h2><div class=\"filters\">");
        html.Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"council\" value=\"{E(who.Council)}\">");
        if (who.Scope.Kind != TeamScopeKind.OwnChildren)
        {
            var workers = all.Select(i => i.Worker).Where(w => w is not null).DistinctBy(w => w!.StaffId).OrderBy(w => w!.Name, StringComparer.Ordinal).ToList();
            html.Append("<div><label for=\"worker\">Social worker</label><select id=\"worker\" name=\"worker\"><option value=\"\">All</option>");
            html.Append(string.Concat(workers.Select(w => $"<option value=\"{E(w!.StaffId)}\"{(filter.Worker == w.StaffId ? " selected" : "")}>{E(w.Name)}</option>")));
            html.Append("</select></div>");
        }

        html.Append("<div><label for=\"rule\">Timescale</label><select id=\"rule\" name=\"rule\"><option value=\"\">All</option>");
        html.Append(string.Concat(Enum.GetValues<RuleId>().Select(r => $"<option value=\"{E(r.Code())}\"{(filter.Rule == r ? " selected" : "")}>{E(r.Title())}</option>")));
        html.Append("</select></div><div><label for=\"level\">Status</label><select id=\"level\" name=\"level\"><option value=\"\">All</option>");
        html.Append(string.Concat(Enum.GetValues<EscalationLevel>().Select(l => $"<option value=\"{(int)l}\"{(filter.Level == l ? " selected" : "")}>{E(RuleGuidance.LevelWords(l))}</option>")));
        html.Append("</select></div><div><button type=\"submit\">Show items</button></div></div></form>");
        if (filter != new TeamFilter(null, null, null))
        {
            html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{E(TeamHref(who.Council))}\">Show every item (clear the filter)</a></p>");
        }

        var overdue = items.Count(i => i.Finding.Level != EscalationLevel.DueSoon);
        var inHand = items.Count(i => i.InHand == InHandState.InHand);
        html.Append(CultureInfo.InvariantCulture, $"<h2>{CountWords.Count(items.Count, "item", "items")} for {CountWords.Count(items.Select(i => i.Child.Child.ChildId).Distinct().Count(), "child", "children")}</h2>");
        html.Append(CultureInfo.InvariantCulture, $"<p>{overdue} overdue, {items.Count - overdue} due soon; {inHand} in hand.</p>");
        if (who.Scope.Kind != TeamScopeKind.OwnChildren && items.Count > 0)
        {
            html.Append("<table><caption class=\"hint\">By social worker</caption><thead><tr><th scope=\"col\">Social worker</th><th scope=\"col\">Overdue</th><th scope=\"col\">Due soon</th></tr></thead><tbody>");
            foreach (var g in items.GroupBy(i => i.Worker?.Name ?? "No social worker allocated").OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td><span class=\"cell-label\">Social worker: </span>{E(g.Key)}</td><td><span class=\"cell-label\">Overdue: </span>{g.Count(i => i.Finding.Level != EscalationLevel.DueSoon)}</td><td><span class=\"cell-label\">Due soon: </span>{g.Count(i => i.Finding.Level == EscalationLevel.DueSoon)}</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        html.Append("<ol class=\"items\">");
        foreach (var item in items)
        {
            html.Append("<li>").Append(ItemFacts(item, today, namesShown, who.Scope.Kind != TeamScopeKind.OwnChildren, "h3"));
            if (item.InHand == InHandState.InHand)
            {
                html.Append(WithdrawForm(who, item, token));
                html.Append(CultureInfo.InvariantCulture, $"""<a href="{E(AcknowledgeHref(who.Council, item))}">Change<span class="skip-text"> ({E(item.Finding.Rule.Title())}, {E(item.Child.Child.ChildId)})</span></a>""");
            }
            else
            {
                html.Append(CultureInfo.InvariantCulture, $"""<p><a href="{E(AcknowledgeHref(who.Council, item))}">Say this is in hand<span class="skip-text"> ({E(item.Finding.Rule.Title())}, {E(item.Child.Child.ChildId)})</span></a></p>""");
            }

            html.Append("</li>");
        }

        html.Append("</ol>");
        if (items.Count == 0)
        {
            html.Append("<p>Nothing open matches. </p>");
        }

        if (who.OtherCouncils.Count > 0)
        {
            html.Append("<h2>Other councils</h2><ul>").Append(string.Concat(who.OtherCouncils.Select(c => $"<li><a href=\"{E(TeamHref(c))}\">{E(c)}</a></li>"))).Append("</ul>");
        }

        return new WebPage(200, Layout(heading, html.ToString(), who));
    }

    public static string AcknowledgeHref(string council, TeamItem item) =>
        TeamViewRoutes.AcknowledgeOf(council, item.Child.Child.ChildId, item.Finding.Key);

    private static string WithdrawForm(SignedIn who, TeamItem item, string token) =>
        $"""<form class="inline" method="post" action="{TeamViewRoutes.Withdraw}">{Hidden(who, item, token)}<button type="submit" class="secondary">No longer in hand<span class="skip-text"> ({E(item.Finding.Rule.Title())}, {E(item.Child.Child.ChildId)})</span></button></form>""";

    private static string Hidden(SignedIn who, TeamItem item, string token) =>
        $"""<input type="hidden" name="council" value="{E(who.Council)}"><input type="hidden" name="child" value="{E(item.Child.Child.ChildId)}"><input type="hidden" name="finding" value="{E(item.Finding.Key)}"><input type="hidden" name="{FormToken.Field}" value="{E(token)}">""";

    /// <summary>One item's facts: what, whose child, how late, and who said it is in hand.</summary>
    private static string ItemFacts(TeamItem item, LocalDate today, bool namesShown, bool showWorker, string heading)
    {
        var f = item.Finding;
        var child = item.Child.Child;
        var who = namesShown ? child.FullName : child.Initials;
        var subject = f.SubjectId == f.ChildId ? "" : $" (episode {f.SubjectId})";
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<{heading}>{E(f.Rule.Title())}{E(subject)}: {E(child.ChildId)} {E(who)}</{heading}>");
        // The exact deadline for return home interviews (72 hours after the return), as the emails give it.
        var due = f.DueAt is { } at ? PeopleDates.DueAt(at) : Date(f.DueDate);
        html.Append(CultureInfo.InvariantCulture, $"<p><span class=\"level level-{(int)f.Level}\">{E(RuleGuidance.LevelWords(f.Level))}</span> Due {E(due)}: {E(LatenessWords.Lateness(f.Level, f.DaysOverdue, f.DueDate, today, f.HoursOverdue))}");
        if (showWorker)
        {
            html.Append(CultureInfo.InvariantCulture, $". Social worker: {E(item.Worker?.Name ?? "none allocated")}");
        }

        html.Append(".</p>");
        if (item.Acknowledgement is { } a && item.InHand != InHandState.None)
        {
            var reason = a.Reason == AcknowledgementReason.Other ? $"other ({a.OtherReason})" : a.Reason.Words();
            var by = item.AcknowledgedBy?.Name ?? a.ByStaffId;
            var lapsed = item.InHand == InHandState.Lapsed;
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"{(lapsed ? "lapsed" : "inhand")}\">{E(CaseWords.InHandWords(a.Until, by, reason, lapsed))}</p>");
        }

        return html.ToString();
    }

    /// <summary>
    /// The form that says an item is in hand until a date, for a reason; for an item already in hand, filled in as it
    /// stands, with the way to end it. A problem goes at the top, linked to the field to fix (GOV.UK's error summary).
    /// </summary>
    public static WebPage AcknowledgeForm(SignedIn who, TeamItem item, string token, LocalDate today, LocalDate latest, bool namesShown,
        FormProblem? problem = null, AcknowledgementReason? reason = null, string? other = null, string? until = null)
    {
        var current = item.InHand == InHandState.InHand ? item.Acknowledgement : null;
        if (problem is null && current is not null)
        {
            (reason, other, until) = (current.Reason, current.OtherReason, IsoDate.Format(current.Until));
        }

        var html = new StringBuilder();
        if (problem is not null)
        {
            var text = problem.Field is null ? E(problem.Text) : $"<a href=\"#{E(problem.Field)}\">{E(problem.Text)}</a>";
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"error\" role=\"alert\"><h2>There is a problem</h2><p>{text}</p></div>");
        }

        var title = current is null ? "Say this is in hand" : "Change or end \"in hand\"";
        html.Append(CultureInfo.InvariantCulture, $"<h1>{E(title)}</h1>").Append(ItemFacts(item, today, namesShown, true, "h2"));
        if (current is not null)
        {
            html.Append(WithdrawForm(who, item, token));
        }

        var usedUp = latest < today;
        if (usedUp)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{E(TeamHref(who.Council))}\">Back to the open items</a></p>");
            return new WebPage(problem is null ? 200 : 400, Layout($"{(problem is null ? "" : "Error: ")}{title}", html.ToString(), who));
        }

        string Invalid(string field) => problem?.Field == field ? " aria-invalid=\"true\"" : "";
        html.Append("<p>Until the date you choose, the people it would be escalated to next are not told about it, and the digest shows it as in hand. If it is still open the morning after that date, it is escalated as usual, saying the date passed.</p>");
        html.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"{TeamViewRoutes.Acknowledge}\">{Hidden(who, item, token)}");
        html.Append(CultureInfo.InvariantCulture, $"<fieldset{Invalid(FirstReasonId)}><legend>Why is it in hand?</legend>");
        foreach (var r in Enum.GetValues<AcknowledgementReason>())
        {
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"choice\"><input type=\"radio\" id=\"reason-{r.Code()}\" name=\"reason\" value=\"{r.Code()}\" required{(reason == r ? " checked" : "")}><label for=\"reason-{r.Code()}\">{E(Capitalised(r.Words()))}</label></div>");
        }

        html.Append(CultureInfo.InvariantCulture, $"</fieldset><label for=\"other\">If other, why (a few words; no names, phone numbers or email addresses)</label><input type=\"text\" id=\"other\" name=\"other\" maxlength=\"200\" size=\"40\" value=\"{E(other)}\"{Invalid("other")}>");
        html.Append(CultureInfo.InvariantCulture, $"<label for=\"until\">In hand until</label><p class=\"hint\" id=\"until-hint\">{E(Date(latest))} at the latest: an item can be in hand only for a limited time from when it was first said to be, so that nothing is held for ever.</p>");
        html.Append(CultureInfo.InvariantCulture, $"<input type=\"date\" id=\"until\" name=\"until\" required aria-describedby=\"until-hint\" min=\"{IsoDate.Format(today)}\" max=\"{IsoDate.Format(latest)}\" value=\"{E(until ?? IsoDate.Format(latest))}\"{Invalid("until")}>");
        html.Append(CultureInfo.InvariantCulture, $"<div><button type=\"submit\">Save</button><a href=\"{E(TeamHref(who.Council))}\">Cancel</a></div></form>");
        return new WebPage(problem is null ? 200 : 400, Layout($"{(problem is null ? "" : "Error: ")}{title}", html.ToString(), who));
    }

    /// <summary>What was done, and the way back (a page, not a redirect: the Functions host follows redirects itself when it forwards a request).</summary>
    public static WebPage Done(SignedIn who, string title, string text) =>
        new(200, Layout(title, $"<div class=\"done\" role=\"status\"><h1>{E(title)}</h1><p>{E(text)}</p></div><p><a href=\"{E(TeamHref(who.Council))}\">Back to the open items</a></p>", who));

    /// <summary>Development only: say who you are.</summary>
    public static WebPage DevelopmentSignIn(string? signedIn) => new(200, Layout("Development sign-in", $"""
        <h1>Development sign-in</h1>
        <p>This copy of CpAlerts runs on this computer only, with synthetic records. In Azure people sign in with their work account instead.</p>
        {(signedIn is null ? "" : $"<p class=\"done\" role=\"status\">Signed in as {E(signedIn)}. <a href=\"{TeamViewRoutes.Team}\">Open the team view</a></p>")}
        <form method="post" action="/dev/sign-in"><label for="email">Staff email address</label>
        <input type="email" id="email" name="email" required size="40" autocomplete="off"><div><button type="submit">Sign in</button></div></form>
        """));

    private static string Capitalised(string words) => char.ToUpperInvariant(words[0]) + words[1..];
}
