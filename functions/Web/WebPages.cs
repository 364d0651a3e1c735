using System.Globalization;
using System.Net;
using System.Text;
using CpAlerts.Application.Configuration;
using CpAlerts.Application.Delivery;
using CpAlerts.Application.Wording;
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

/// <summary>A page to answer with: its HTTP status and HTML.</summary>
public sealed record WebPage(int Status, string Html);

/// <summary>What is wrong with a form, and the id of the field to fix (null: the form as a whole).</summary>
public sealed record FormProblem(string Text, string? Field);

/// <summary>
/// Which items the team view shows: one social worker's, one team's ("~": children with no social worker allocated),
/// one timescale's, one status's (null: all); and which page of them.
/// </summary>
public sealed record TeamFilter(string? Worker, RuleId? Rule, EscalationLevel? Level, string? Team = null, int Page = 1)
{
    /// <summary>The team filter's values for children with no social worker allocated, and for a social worker with no team recorded.</summary>
    public const string Unallocated = "~", NoTeam = "-";

    public bool Matches(TeamItem item) =>
        (Worker is null || item.Worker?.StaffId == Worker) && (Rule is null || item.Finding.Rule == Rule) && (Level is null || item.Finding.Level == Level)
        && (Team is null || TeamOf(item) == Team);

    /// <summary>Whether anything narrows the list (the page number does not).</summary>
    public bool Narrows => Worker is not null || Rule is not null || Level is not null || Team is not null;

    /// <summary>The item's team as the filter names it: the social worker's team, <see cref="NoTeam"/> when none is recorded, <see cref="Unallocated"/> without a worker.</summary>
    public static string TeamOf(TeamItem item) => item.Worker is null ? Unallocated : TeamOf(item.Worker);

    /// <summary>A social worker's team as the filter names it: <see cref="NoTeam"/> when none is recorded.</summary>
    public static string TeamOf(StaffMember worker) => worker.Team is { Length: > 0 } team ? team : NoTeam;

    /// <summary>The query string of this filter on another page (or another filter), for links.</summary>
    public string Query(string council, int? page = null) => string.Concat(
        $"?council={Uri.EscapeDataString(council)}",
        Worker is null ? "" : $"&worker={Uri.EscapeDataString(Worker)}",
        Team is null ? "" : $"&team={Uri.EscapeDataString(Team)}",
        Rule is null ? "" : $"&rule={Uri.EscapeDataString(Rule.Value.Code())}",
        Level is null ? "" : $"&level={(int)Level.Value}",
        (page ?? Page) <= 1 ? "" : $"&page={page ?? Page}");
}

/// <summary>What the pages need besides the items: case-record links and what to do, as the emails give them.</summary>
/// <param name="Delivery">The email settings: case-record links, and whose names are shown.</param>
public sealed record PageContext(DeliverySettings Delivery, LocalDate Today, bool NamesShown);

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
        h1 { font-size: 1.8rem; margin: 8px 0 16px; } h2 { font-size: 1.4rem; margin-top: 32px; } h3 { font-size: 1.2rem; margin: 0 0 4px; } h4 { font-size: 1.2rem; margin: 0 0 4px; } h3.part { font-size: 1.3rem; margin: 24px 0 8px; }
        a { color: #1d70b8; } a:visited { color: #4c2c92; }
        a:focus, button:focus, input:focus, select:focus { outline: 3px solid #ffdd00; outline-offset: 0; box-shadow: 0 0 0 6px #0b0c0c; }
        label, legend { font-weight: bold; display: block; margin: 12px 0 4px; }
        th { overflow-wrap: normal; }
        select, input[type=date], input[type=text], input[type=email] { font-size: 1.1875rem; padding: 6px; border: 2px solid #0b0c0c; max-width: 100%; box-sizing: border-box; }
        fieldset { border: 0; padding: 0; margin: 0; } .choice { display: flex; gap: 8px; align-items: center; margin: 8px 0; } .choice label { font-weight: normal; margin: 0; display: inline; }
        .choice input { width: 24px; height: 24px; margin: 0; }
        button { font-size: 1.1875rem; background: #00703c; color: #fff; border: 0; box-shadow: 0 2px 0 #002d18; padding: 8px 16px; margin: 12px 8px 12px 0; cursor: pointer; }
        button + a { display: inline-block; margin-left: 16px; padding: 8px 0; }
        button.secondary { background: #f3f2f1; color: #0b0c0c; box-shadow: 0 2px 0 #929191; }
        .filters { display: flex; flex-wrap: wrap; gap: 0 16px; align-items: flex-end; } .filters > div { min-width: 0; max-width: 100%; }
        .skip-text { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        .items ol { padding-left: 2.2em; } .items li { border-top: 1px solid #b1b4b6; padding: 12px 0; }
        .level { font-weight: bold; padding: 0 6px; border: 2px solid currentColor; white-space: nowrap; }
        .level-0 { color: #594d00; } .level-1 { color: #8a3300; } .level-2 { color: #b10e1e; }
        .inhand { border-left: 5px solid #1d70b8; padding-left: 8px; } .lapsed { border-left: 5px solid #b10e1e; padding-left: 8px; }
        .error { border: 4px solid #d4351c; padding: 12px; } .field-error { color: #d4351c; font-weight: bold; margin: 4px 0; } [aria-invalid=true] { border: 3px solid #d4351c; } .hint { color: #505a5f; } .done { border: 4px solid #00703c; padding: 12px; }
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

    private static string Layout(string title, string body, SignedIn? who = null) =>
        $"""
        <!DOCTYPE html>
        <html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{E(title)} – CpAlerts</title><style>{Style}</style></head>
        <body><a class="skip" href="#main">Skip to main content</a>
        <header>CpAlerts{(who is null ? "" : $" · signed in as {E(who.Me.Name)} ({E(RoleWords(who))}, {E(who.Council)}) · <a href=\"{E(who.SignOut)}\">Sign out</a>")}</header>
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

    /// <summary>Items on one page of the team view: enough to act on in a sitting, few enough to read on a phone.</summary>
    public const int PageSize = 25;

    /// <summary>
    /// The team view: when the items were found, filters, counts (a head of service's by team and team manager first,
    /// each linking to that team's items; a manager's by social worker, each linking to that worker's), then one page
    /// of open items, most urgent first, with what to do and the way to say each is in hand.
    /// </summary>
    public static WebPage Team(SignedIn who, TeamList list, TeamFilter asked, string token, PageContext page)
    {
        var filter = InScope(who, list, asked);
        var items = list.Items.Where(filter.Matches).ToList();
        var html = new StringBuilder();
        // A filtered page says whose items it shows: the filter's drop-downs are not a heading.
        var heading = filter switch
        {
            { Worker: { } id } when who.Staff.Find(id) is { } worker => $"Open items for {worker.Name}'s children",
            { Team: TeamFilter.Unallocated } => "Open items of children with no social worker allocated",
            { Team: TeamFilter.NoTeam } => "Open items of social workers with no team recorded",
            { Team: { } team } => team.StartsWith("team", StringComparison.OrdinalIgnoreCase) ? $"Open items for {team}" : $"Open items for team {team}",
            _ => who.Scope.Kind switch
            {
                TeamScopeKind.OwnChildren => "Open items for your children",
                TeamScopeKind.Team => "Open items for your team",
                _ => "Open items for every team",
            },
        };
        html.Append(CultureInfo.InvariantCulture, $"<h1>{E(heading)}</h1>");
        html.Append(CultureInfo.InvariantCulture, $"<p>{E(AsAtWords(list.AsOf))} Listed as in the weekly digest: first what can still be done this week, or was only just missed; then everything else open, most urgent first.</p>");
        html.Append(Filters(who, list, filter));

        html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"counts\">{CountWords.Count(items.Count, "item", "items")} for {CountWords.Count(items.Select(i => i.ChildId).Distinct().Count(), "child", "children")}</h2>");
        // In the Status filter's words: escalated items are counted as escalated, not inside "overdue".
        var byLevel = Enum.GetValues<EscalationLevel>().OrderDescending().Select(l => $"{items.Count(i => i.Finding.Level == l)} {RuleGuidance.LevelWords(l).ToLowerInvariant()}");
        html.Append(CultureInfo.InvariantCulture, $"<p>{string.Join(", ", byLevel)}; of these, {items.Count(i => i.InHand == InHandState.InHand)} in hand.</p>");
        if (who.Scope.Kind == TeamScopeKind.AllTeams && filter.Team is null && filter.Worker is null && items.Count > 0)
        {
            html.Append(ByTeam(who, items, filter));
        }
        else if (who.Scope.Kind != TeamScopeKind.OwnChildren && filter.Worker is null && items.Count > 0)
        {
            html.Append(ByWorker(who, items, filter));
        }

        var pages = Math.Max(1, (items.Count + PageSize - 1) / PageSize);
        var number = Math.Clamp(filter.Page, 1, pages);
        var shown = items.Skip((number - 1) * PageSize).Take(PageSize).ToList();
        if (items.Count > PageSize)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"items\">Items {(number - 1) * PageSize + 1} to {(number - 1) * PageSize + shown.Count} of {items.Count}</h2>");
        }

        // The digest's two parts, with its headings (digest.html.liquid), each where it starts on this page.
        var sweptOn = list.AsOf is { } asOf ? LondonTime.DateOf(asOf) : page.Today;
        var anyThisWeek = items.Any(i => NotificationPolicy.IsThisWeek(i.Finding, sweptOn));
        html.Append("<div class=\"items\">");
        bool? thisWeek = null;
        var first = (number - 1) * PageSize + 1;
        foreach (var (item, index) in shown.Select((item, index) => (item, index)))
        {
            var part = NotificationPolicy.IsThisWeek(item.Finding, sweptOn);
            if (part != thisWeek)
            {
                html.Append(thisWeek is null ? "" : "</ol>");
                html.Append(CultureInfo.InvariantCulture, $"<h3 class=\"part\">{(part ? "This week: still achievable, or only just missed" : anyThisWeek ? "Also open, most urgent first" : "Open, most urgent first")}</h3><ol start=\"{first + index}\">");
                thisWeek = part;
            }

            html.Append("<li>").Append(ItemFacts(who, item, page, who.Scope.Kind != TeamScopeKind.OwnChildren, "h4"));
            if (item.InHand == InHandState.InHand)
            {
                html.Append(WithdrawForm(who, item, token));
                html.Append(CultureInfo.InvariantCulture, $"""<a href="{E(AcknowledgeHref(who.Council, item))}">Change or see its history<span class="skip-text"> ({E(item.Finding.Rule.Title())}, {E(item.ChildId)})</span></a>""");
            }
            else
            {
                html.Append(CultureInfo.InvariantCulture, $"""<p><a href="{E(AcknowledgeHref(who.Council, item))}">Say this is in hand<span class="skip-text"> ({E(item.Finding.Rule.Title())}, {E(item.ChildId)})</span></a></p>""");
            }

            html.Append("</li>");
        }

        html.Append(thisWeek is null ? "</div>" : "</ol></div>");
        if (items.Count == 0)
        {
            html.Append(list.AsOf is null ? "" : "<p>Nothing open matches.</p>");
        }

        if (pages > 1)
        {
            html.Append("<nav aria-label=\"Pages of items\" class=\"pages\">");
            if (number > 1)
            {
                html.Append(CultureInfo.InvariantCulture, $"<a href=\"{E(TeamViewRoutes.Team + filter.Query(who.Council, number - 1))}#items\">Previous page</a> ");
            }

            html.Append(CultureInfo.InvariantCulture, $"<span>Page {number} of {pages}</span>");
            if (number < pages)
            {
                html.Append(CultureInfo.InvariantCulture, $" <a href=\"{E(TeamViewRoutes.Team + filter.Query(who.Council, number + 1))}#items\">Next page</a>");
            }

            html.Append("</nav>");
        }

        if (who.OtherCouncils.Count > 0)
        {
            html.Append("<h2>Other councils</h2><ul>").Append(string.Concat(who.OtherCouncils.Select(c => $"<li><a href=\"{E(TeamHref(c))}\">{E(c)}</a></li>"))).Append("</ul>");
        }

        return new WebPage(200, Layout(heading, html.ToString(), who));
    }

    /// <summary>
    /// The filter as far as it fits the reader: a worker or team they do not see (a link made for someone else, a team
    /// and a worker of another team chosen together) is dropped rather than shown as "nothing open" under a heading that
    /// names it. A social worker's page has no worker or team filter; a manager's no team filter.
    /// </summary>
    private static TeamFilter InScope(SignedIn who, TeamList list, TeamFilter asked)
    {
        if (who.Scope.Kind == TeamScopeKind.OwnChildren)
        {
            return asked with { Worker = null, Team = null };
        }

        var filter = who.Scope.Kind == TeamScopeKind.AllTeams ? asked : asked with { Team = null };
        var worker = filter.Worker is { } id ? list.Items.Select(i => i.Worker).FirstOrDefault(w => w?.StaffId == id) : null;
        return worker is not null && (filter.Team is null || filter.Team == TeamFilter.TeamOf(worker))
            ? filter
            : filter with { Worker = null };
    }

    /// <summary>When the items were found: the morning's sweep (the same evaluation the emails come from).</summary>
    private static string AsAtWords(Instant? asOf) => asOf is { } at
        ? $"As found by CpAlerts' daily check on {PeopleDates.DueAt(at)}, from the records imported before it: the same as the emails say."
        : "CpAlerts' daily check has not run for this council yet: its open items appear here after the first one (each morning).";

    /// <summary>The filter form: a GET, so a filtered view is a link that can be shared with a colleague who may see it.</summary>
    private static string Filters(SignedIn who, TeamList list, TeamFilter filter)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<form method=\"get\" action=\"{TeamViewRoutes.Team}\"><h2>Filter</h2><div class=\"filters\">");
        html.Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"council\" value=\"{E(who.Council)}\">");
        if (who.Scope.Kind == TeamScopeKind.AllTeams)
        {
            var teams = list.Items.Select(TeamFilter.TeamOf).Distinct().OrderBy(t => t == TeamFilter.Unallocated).ThenBy(t => t, StringComparer.Ordinal).ToList();
            html.Append("<div><label for=\"team\">Team</label><select id=\"team\" name=\"team\"><option value=\"\">All</option>");
            html.Append(string.Concat(teams.Select(t => $"<option value=\"{E(t)}\"{(filter.Team == t ? " selected" : "")}>{E(TeamWords(t))}</option>")));
            html.Append("</select></div>");
        }

        if (who.Scope.Kind != TeamScopeKind.OwnChildren)
        {
            // Within the team chosen, if one is: a worker of another team would only ever show "Nothing open matches".
            var workers = list.Items.Where(i => filter.Team is null || TeamFilter.TeamOf(i) == filter.Team)
                .Select(i => i.Worker).OfType<StaffMember>().DistinctBy(w => w.StaffId).OrderBy(w => w.Name, StringComparer.Ordinal).ToList();
            html.Append("<div><label for=\"worker\">Social worker</label><select id=\"worker\" name=\"worker\"><option value=\"\">All</option>");
            html.Append(string.Concat(workers.Select(w => $"<option value=\"{E(w.StaffId)}\"{(filter.Worker == w.StaffId ? " selected" : "")}>{E(w.Name)}</option>")));
            html.Append("</select></div>");
        }

        html.Append("<div><label for=\"rule\">Timescale</label><select id=\"rule\" name=\"rule\"><option value=\"\">All</option>");
        html.Append(string.Concat(Enum.GetValues<RuleId>().Select(r => $"<option value=\"{E(r.Code())}\"{(filter.Rule == r ? " selected" : "")}>{E(r.Title())}</option>")));
        html.Append("</select></div><div><label for=\"level\">Status</label><select id=\"level\" name=\"level\"><option value=\"\">All</option>");
        html.Append(string.Concat(Enum.GetValues<EscalationLevel>().Select(l => $"<option value=\"{(int)l}\"{(filter.Level == l ? " selected" : "")}>{E(RuleGuidance.LevelWords(l))}</option>")));
        html.Append("</select></div><div><button type=\"submit\">Show items</button></div></div></form>");
        if (filter.Narrows)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{E(TeamHref(who.Council))}\">Show every item (clear the filter)</a></p>");
        }

        return html.ToString();
    }

    private static string TeamWords(string team) => team switch
    {
        TeamFilter.Unallocated => "No social worker allocated",
        TeamFilter.NoTeam => "No team recorded",
        _ => team,
    };

    /// <summary>A head of service's first view: each team with its team manager and counts, linking to that team's items.</summary>
    private static string ByTeam(SignedIn who, IReadOnlyList<TeamItem> items, TeamFilter filter)
    {
        var html = new StringBuilder($"<table><caption class=\"hint\">By team: open a team to see its items and social workers</caption><thead><tr><th scope=\"col\">Team</th><th scope=\"col\">Team manager</th>{CountHeadings}</tr></thead><tbody>");
        foreach (var g in items.GroupBy(TeamFilter.TeamOf).OrderByDescending(g => g.Count(i => i.Finding.Level != EscalationLevel.DueSoon)).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            // A team's manager as the staff records name them: the manager of most of its social workers.
            var manager = g.Select(i => who.Staff.Find(i.Worker?.ManagerId)?.Name).OfType<string>().GroupBy(n => n).OrderByDescending(n => n.Count()).Select(n => n.Key).FirstOrDefault();
            var href = TeamViewRoutes.Team + (filter with { Team = g.Key, Page = 1 }).Query(who.Council);
            html.Append(CultureInfo.InvariantCulture, $"<tr><td><span class=\"cell-label\">Team: </span><a href=\"{E(href)}\">{E(TeamWords(g.Key))}</a></td>");
            html.Append(CultureInfo.InvariantCulture, $"<td><span class=\"cell-label\">Team manager: </span>{E(manager ?? "none recorded")}</td>");
            html.Append(CountCells(g)).Append("</tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }

    /// <summary>A manager's counts by social worker, each linking to that worker's items.</summary>
    private static string ByWorker(SignedIn who, IReadOnlyList<TeamItem> items, TeamFilter filter)
    {
        var html = new StringBuilder($"<table><caption class=\"hint\">By social worker: open one to see their items</caption><thead><tr><th scope=\"col\">Social worker</th>{CountHeadings}</tr></thead><tbody>");
        foreach (var g in items.GroupBy(i => i.Worker).OrderByDescending(g => g.Count()).ThenBy(g => g.Key?.Name ?? "~", StringComparer.Ordinal))
        {
            var name = g.Key is { } w
                ? $"<a href=\"{E(TeamViewRoutes.Team + (filter with { Worker = w.StaffId, Page = 1 }).Query(who.Council))}\">{E(w.Name)}</a>"
                : E("No social worker allocated");
            html.Append(CultureInfo.InvariantCulture, $"<tr><td><span class=\"cell-label\">Social worker: </span>{name}</td>").Append(CountCells(g)).Append("</tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }

    /// <summary>The counts' columns, in the Status filter's words, most urgent first, then how many are in hand.</summary>
    private static readonly string CountHeadings = string.Concat(Enum.GetValues<EscalationLevel>().OrderDescending()
        .Select(l => $"<th scope=\"col\">{E(RuleGuidance.LevelWords(l))}</th>")) + "<th scope=\"col\">Of which in hand</th>";

    private static string CountCells(IEnumerable<TeamItem> items)
    {
        var list = items.ToList();
        return string.Concat(Enum.GetValues<EscalationLevel>().OrderDescending()
                .Select(l => $"<td><span class=\"cell-label\">{E(RuleGuidance.LevelWords(l))}: </span>{list.Count(i => i.Finding.Level == l)}</td>"))
            + $"<td><span class=\"cell-label\">Of which in hand: </span>{list.Count(i => i.InHand == InHandState.InHand)}</td>";
    }

    public static string AcknowledgeHref(string council, TeamItem item) =>
        TeamViewRoutes.AcknowledgeOf(council, item.ChildId, item.Finding.Key);

    private static string WithdrawForm(SignedIn who, TeamItem item, string token) =>
        $"""<form class="inline" method="post" action="{TeamViewRoutes.Withdraw}">{Hidden(who, item, token)}<button type="submit" class="secondary">No longer in hand<span class="skip-text"> ({E(item.Finding.Rule.Title())}, {E(item.ChildId)})</span></button></form>""";

    private static string Hidden(SignedIn who, TeamItem item, string token) =>
        $"""<input type="hidden" name="council" value="{E(who.Council)}"><input type="hidden" name="child" value="{E(item.ChildId)}"><input type="hidden" name="finding" value="{E(item.Finding.Key)}"><input type="hidden" name="{FormToken.Field}" value="{E(token)}">""";

    /// <summary>
    /// One item's facts: what, whose child, how late, what to do about it (in the reader's role, as the emails put it),
    /// the child's case record where the council links to it, and who said it is in hand.
    /// </summary>
    private static string ItemFacts(SignedIn who, TeamItem item, PageContext page, bool showWorker, string heading)
    {
        var f = item.Finding;
        var open = item.Open;
        var child = page.NamesShown && $"{open.FirstName} {open.LastName}".Trim() is { Length: > 0 } full ? full : Child.InitialsOf(open.FirstName, open.LastName);
        var subject = f.SubjectId == f.ChildId ? "" : $" (missing episode {f.SubjectId})";
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<{heading}>{E(f.Rule.Title())}{E(subject)}: {E(f.ChildId)} {E(child)}</{heading}>");
        // The exact deadline for return home interviews (72 hours after the return), as the emails give it.
        var due = f.DueAt is { } at ? PeopleDates.DueAt(at) : Date(f.DueDate);
        html.Append(CultureInfo.InvariantCulture, $"<p><span class=\"level level-{(int)f.Level}\">{E(RuleGuidance.LevelWords(f.Level))}</span> Due {E(due)}: {E(LatenessWords.Lateness(f.Level, f.DaysOverdue, f.DueDate, page.Today, f.HoursOverdue))}");
        if (showWorker)
        {
            html.Append(CultureInfo.InvariantCulture, $". Social worker: {E(item.Worker?.Name ?? "none allocated")}");
        }

        html.Append(".</p>");
        // The reader acts as the child's social worker when the child is theirs (a manager can hold a case too).
        var audience = item.Open.SocialWorkerId == who.Me.StaffId ? Audience.SocialWorker : AudienceRoles.AudienceOf(who.Me.Role);
        var manager = who.Staff.Find(item.Worker?.ManagerId)?.Name;
        html.Append(CultureInfo.InvariantCulture, $"<p><strong>What to do:</strong> {E(RuleGuidance.WhatToDo(f.Rule, audience, item.Worker?.Name, manager))}");
        if (page.Delivery.CaseLink(f.ChildId, audience) is { } link)
        {
            html.Append(CultureInfo.InvariantCulture, $""" <a href="{E(link)}">Open the case record<span class="skip-text"> for {E(f.ChildId)}</span></a>""");
        }

        html.Append("</p>");
        if (item.Acknowledgement is { } a && item.InHand != InHandState.None)
        {
            var reason = a.Reason == AcknowledgementReason.Other ? $"other ({a.OtherReason})" : a.Reason.Words();
            var lapsed = item.InHand == InHandState.Lapsed;
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"{(lapsed ? "lapsed" : "inhand")}\">{E(CaseWords.InHandWords(a.Until, open.InHandBy ?? a.ByStaffId, reason, lapsed))}</p>");
        }

        return html.ToString();
    }

    /// <summary>
    /// The form that says an item is in hand until a date, for a reason; for an item already in hand, filled in as it
    /// stands, with the way to end it. A problem goes at the top, linked to the field to fix (GOV.UK's error summary).
    /// </summary>
    public static WebPage AcknowledgeForm(SignedIn who, TeamItem item, string token, PageContext page, LocalDate latest, IReadOnlyList<HistoryEntry> history,
        FormProblem? problem = null, AcknowledgementReason? reason = null, string? other = null, string? until = null)
    {
        var today = page.Today;
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
        html.Append(CultureInfo.InvariantCulture, $"<h1>{E(title)}</h1>").Append(ItemFacts(who, item, page, true, "h2"));
        if (current is not null)
        {
            html.Append(WithdrawForm(who, item, token));
        }

        var usedUp = latest < today;
        if (!usedUp)
        {
            string Invalid(string field) => problem?.Field == field ? " aria-invalid=\"true\"" : "";
            // The problem again beside the field it is about (GOV.UK's error message), which a phone may show far below the summary.
            string ErrorAt(string field) => problem?.Field == field ? $"<p class=\"field-error\" id=\"{E(field)}-error\"><span class=\"skip-text\">Error: </span>{E(problem.Text)}</p>" : "";
            string Described(string field, string? hint) => string.Join(' ', new[] { hint, problem?.Field == field ? $"{field}-error" : null }.OfType<string>()) is { Length: > 0 } ids
                ? $" aria-describedby=\"{E(ids)}\""
                : "";
            var reasons = TimescaleReasons.For(item.Finding.Rule);
            var firstReason = FirstReasonId(item.Finding.Rule);
            html.Append("<p>Until the date you choose, the people it would be escalated to next are not told about it, and the digest shows it as in hand. If it is still open the morning after that date, it is escalated as usual, saying the date passed.</p>");
            // novalidate: the app's own messages, in plain words and British dates, rather than the browser's bubbles first
            // (GOV.UK Design System, "Validation"); `required` stays for assistive technology, and the server checks everything.
            html.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"{TeamViewRoutes.Acknowledge}\" novalidate>{Hidden(who, item, token)}");
            html.Append(CultureInfo.InvariantCulture, $"<fieldset{Invalid(firstReason)}{Described(firstReason, null)}><legend>Why is it in hand?</legend>{ErrorAt(firstReason)}");
            foreach (var r in reasons)
            {
                html.Append(CultureInfo.InvariantCulture, $"<div class=\"choice\"><input type=\"radio\" id=\"{ReasonId(r)}\" name=\"reason\" value=\"{r.Code()}\" required{(reason == r ? " checked" : "")}><label for=\"{ReasonId(r)}\">{E(Capitalised(r.Words()))}</label></div>");
            }

            html.Append(CultureInfo.InvariantCulture, $"</fieldset><label for=\"other\">If other, why (a few words; no names, phone numbers or email addresses)</label>{ErrorAt("other")}<input type=\"text\" id=\"other\" name=\"other\" maxlength=\"200\" size=\"40\" value=\"{E(other)}\"{Invalid("other")}{Described("other", null)}>");
            // No date is filled in: holding an item is a decision about when it will be done, never the longest allowed by default.
            html.Append(CultureInfo.InvariantCulture, $"<label for=\"until\">In hand until</label><p class=\"hint\" id=\"until-hint\">The day you expect it to be done, for example {E(RuleGuidance.InHandDateExample(item.Finding.Rule))}. {E(Date(latest))} at the latest: an item can be in hand only for a limited time, counted from the day someone first said it was, so that nothing is held for ever.</p>");
            html.Append(CultureInfo.InvariantCulture, $"{ErrorAt("until")}<input type=\"date\" id=\"until\" name=\"until\" required{Described("until", "until-hint")} min=\"{IsoDate.Format(today)}\" max=\"{IsoDate.Format(latest)}\" value=\"{E(until ?? "")}\"{Invalid("until")}>");
            html.Append(CultureInfo.InvariantCulture, $"<div><button type=\"submit\">Save</button><a href=\"{E(TeamHref(who.Council))}\">Cancel</a></div></form>");
        }

        html.Append(History(history));
        if (usedUp)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{E(TeamHref(who.Council))}\">Back to the open items</a></p>");
        }

        return new WebPage(problem is null ? 200 : 400, Layout($"{(problem is null ? "" : "Error: ")}{title}", html.ToString(), who));
    }

    /// <summary>Who said what about the item, and when, oldest first: what a manager checks before trusting "in hand".</summary>
    private static string History(IReadOnlyList<HistoryEntry> history)
    {
        var html = new StringBuilder("<h2 id=\"history\">History</h2>");
        if (history.Count == 0)
        {
            return html.Append("<p>Nobody has said this item is in hand.</p>").ToString();
        }

        html.Append("<ol class=\"history\">");
        foreach (var (audit, by) in history)
        {
            var a = audit.Acknowledgement;
            var when = PeopleDates.DueAt(audit.At);
            var reason = a.Reason == AcknowledgementReason.Other ? $"other: {a.OtherReason}" : a.Reason.Words();
            html.Append(CultureInfo.InvariantCulture, $"<li>{E(when)}: {E(audit.Withdrawn ? $"{by} said it is no longer in hand." : $"{by} said it is in hand until {Date(a.Until)} ({reason}).")}</li>");
        }

        return html.Append("</ol>").ToString();
    }

    /// <summary>The id of a reason's radio button.</summary>
    public static string ReasonId(AcknowledgementReason reason) => $"reason-{reason.Code()}";

    /// <summary>The id of the timescale's first reason: where "Choose why it is in hand" takes the reader.</summary>
    public static string FirstReasonId(RuleId rule) => ReasonId(TimescaleReasons.For(rule)[0]);

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
