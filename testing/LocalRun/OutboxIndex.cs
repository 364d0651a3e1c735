using System.Globalization;
using System.Net;
using System.Text;
using MimeKit;
using NodaTime;

namespace CpAlerts.Testing.LocalRun;

/// <summary>
/// out/index.html: what happened, in the order of the demo's own clock, then every email in the outbox, grouped by
/// audience and in the order they were sent, with links.
/// </summary>
public static class OutboxIndex
{
    /// <param name="Sent">When the email was sent, on the demo's clock (the .eml's Date); null: not known.</param>
    public sealed record Entry(string Audience, string Kind, string To, string Subject, string File, DateTimeOffset? Sent = null);

    /// <summary>One thing that happened in the demo's story, at its London time (a sweep, an import, a visit to the team view), and how many emails it sent.</summary>
    public sealed record StoryEvent(LocalDateTime At, string What, int Emails);

    /// <summary>What the demo did in the team view: who said how many items were in hand until when, and how many escalations were held.</summary>
    /// <param name="Visited">When the social worker said so, London time.</param>
    /// <param name="Digest">The weekly digest that marked the items in hand (sent between the visit and the in-hand date); null: none did.</param>
    public sealed record TeamViewStory(string Worker, string WorkerEmail, string? Manager, string? ManagerEmail, int Acknowledged, LocalDate Until,
        LocalDateTime Visited, LocalDate? Digest)
    {
        /// <summary>The most escalations one morning's sweep held because of it (each sweep holds them anew, so they are not added up).</summary>
        public int Held { get; init; }

        /// <summary>How many mornings' sweeps held any.</summary>
        public int HeldMornings { get; init; }
    }

    public static IReadOnlyList<Entry> Read(string outbox) =>
        [.. (Directory.Exists(outbox) ? Directory.GetFiles(outbox, "*.eml") : []).Select(path =>
            {
                using var message = MimeMessage.Load(path);
                return new Entry(message.Headers["X-CpAlerts-Audience"] ?? "?", message.Headers["X-CpAlerts-Kind"] ?? "?",
                    string.Join(", ", message.To.Mailboxes.Select(m => m.Address)), message.Subject ?? "", Path.GetFileNameWithoutExtension(path),
                    message.Headers.Contains(HeaderId.Date) ? message.Date : null);
            }).OrderBy(e => e.Sent ?? DateTimeOffset.MaxValue).ThenBy(e => e.Audience, StringComparer.Ordinal).ThenBy(e => e.To, StringComparer.Ordinal).ThenBy(e => e.File, StringComparer.Ordinal)];

    /// <summary>Who each group of emails is for, in words, and why they get them; in this order on the page.</summary>
    private static readonly Dictionary<string, string> Readers = new(StringComparer.Ordinal)
    {
        ["SocialWorker"] = "Social workers: the weekly digest for their children, and same-day alerts for return home interviews and IHA requests",
        ["TeamManager"] = "Team managers: at go-live one summary of what was already open, then items of their team that became overdue, and on Mondays their team's initial health assessment request report",
        ["HeadOfService"] = "Head of service: at go-live one summary, then items long overdue, and on Mondays every child's initial health assessment request report",
        ["HealthTeam"] = "Health team (NHS): initial health assessment (IHA) requests for children entering care, health assessments due or late, and on Mondays the IHA request report",
        ["Iro"] = "Independent reviewing officers: plans for permanence due at the four-month review",
        ["DentalAdviser"] = "NHS dental adviser: at go-live one summary, then dental checks that became long overdue",
        ["Scorecard"] = "Corporate Parenting board: the monthly scorecard",
        ["Fallback"] = "Fallback mailbox: what could not be delivered or routed",
    };

    private static string E(string s) => WebUtility.HtmlEncode(s);

    /// <summary>A cell's own copy of its column's heading, shown only on a phone, where the table is stacked (as in the emails).</summary>
    private static string Cell(string heading, string html) => $"<td><span class=\"cell-label\">{E(heading)}: </span>{html}</td>";

    private static string When(LocalDateTime at) => at.ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture);

    /// <param name="deadLetters">Messages that kept failing (the local stand-in for a dead-letter queue), listed so none goes unseen.</param>
    /// <param name="teamView">What the demo did in the team view (null: nothing).</param>
    /// <param name="story">What happened, in order (none: the emails alone).</param>
    public static void Write(string outFolder, string outboxFolderName, IReadOnlyList<Entry> entries, string title, IReadOnlyList<string>? deadLetters = null,
        TeamViewStory? teamView = null, IReadOnlyList<StoryEvent>? story = null)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append($"<title>{E(title)}</title><style>body{{font-family:Arial,Helvetica,sans-serif;color:#1b1b1b;max-width:960px;margin:auto;padding:16px}}");
        html.Append("table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #6f6f6f}a{color:#1d5aa6}.cell-label{display:none}");
        // On a phone the rows stack, as in the emails: no sideways scrolling, and each cell shows its column's heading.
        html.Append("@media (max-width:600px){table,thead,tbody,tr,td,th{display:block}thead tr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}" +
            "td{border-bottom:none;overflow-wrap:anywhere}tr{border-bottom:1px solid #6f6f6f}.cell-label{display:inline;font-weight:bold}}</style></head><body><main>");
        var emails = entries.Count == 1 ? "1 email" : $"{entries.Count} emails";
        html.Append($"<h1>{E(title)}</h1><p>A synthetic council's first weeks with CpAlerts, run by the same program Azure runs, on made-up children, on the demo's own clock: " +
            "the first 06:00 sweep (go-live: one baseline summary per manager and specialist instead of an email per item already late), a social worker saying in the team view " +
            $"that items are in hand, the daily sweeps of the days after, the week's digest and the month's scorecard. {emails}, each group below in the order they were sent; " +
            "<a href=\"scorecard.html\">the Corporate Parenting scorecard for this quarter to date</a> (the one emailed to the board covers last month, in full).</p>");
        if (story is { Count: > 0 })
        {
            html.Append("<h2 id=\"story\">What happened, in order</h2><table><thead><tr><th scope=\"col\">When</th><th scope=\"col\">What happened</th><th scope=\"col\">Emails sent</th></tr></thead><tbody>");
            foreach (var (at, what, sent) in story)
            {
                html.Append($"<tr>{Cell("When", E(When(at)))}{Cell("What happened", E(what))}{Cell("Emails sent", sent == 0 ? "none" : sent.ToString(CultureInfo.InvariantCulture))}</tr>");
            }

            html.Append("</tbody></table>");
        }

        var groups = entries.GroupBy(e => e.Audience).OrderBy(g => Readers.Keys.ToList().IndexOf(g.Key) is var i and >= 0 ? i : int.MaxValue).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        html.Append("<h2>Who gets what, and why</h2><ul>");
        foreach (var group in groups)
        {
            var who = Readers.TryGetValue(group.Key, out var words) ? words : group.Key;
            html.Append($"<li><a href=\"#{E(group.Key)}\">{E(who)}</a>: {group.Count()}</li>");
        }

        html.Append("</ul>");
        if (teamView is { } t)
        {
            var until = CpAlerts.Application.Wording.PeopleDates.Format(t.Until);
            var items = t.Acknowledged == 1 ? "one of their items was" : $"{t.Acknowledged} of their items were";
            var them = t.Acknowledged == 1 ? "it" : "them";
            html.Append($"<h2>The team view: \"in hand until\"</h2><p>On {E(When(t.Visited))}, in the team view, {E(t.Worker)} (a social worker) said {items} " +
                $"in hand until {E(until)}, the day {(t.Acknowledged == 1 ? "it" : "they")} would escalate, with the reason each timescale allows. " +
                (t.HeldMornings == 0 ? "No daily sweep until then had an escalation of theirs to hold; "
                    : $"The daily sweeps until then held back {(t.Held == 1 ? "1 escalation" : $"up to {t.Held} escalations")} a morning, on {(t.HeldMornings == 1 ? "1 morning" : $"{t.HeldMornings} mornings")}; ") +
                (t.Digest is { } digest ? $"the digest of {E(CpAlerts.Application.Wording.PeopleDates.Format(digest))} marks {them} in hand; " : "") +
                $"the first working morning after {E(until)} {(t.Acknowledged == 1 ? "it was" : "they were")} escalated, saying the in-hand date had passed (look for \"Was in hand\" in the managers' emails).</p>" +
                "<p>To open the team view yourself, run <code>scripts/demo.sh --serve</code>: when the emails are written it keeps the program running and prints the address " +
                $"(on this computer only). Sign in as {E(t.WorkerEmail)} to see a social worker's view{(t.ManagerEmail is null ? "" : $", or as {E(t.ManagerEmail)} ({E(t.Manager!)}, their team manager) for the team's")}. " +
                "In Azure people sign in with their work account instead.</p>");
        }

        html.Append(deadLetters is { Count: > 0 }
            ? $"<h2>Dead-lettered ({deadLetters.Count})</h2><p>These messages kept failing and were set aside, as Service Bus would: each needs a person.</p><ul>{string.Concat(deadLetters.Select(d => $"<li>{E(d)}</li>"))}</ul>"
            : "<p>Every message was delivered: none failed for good (nothing was set aside as a dead-letter).</p>");
        foreach (var group in groups)
        {
            html.Append($"<h2 id=\"{E(group.Key)}\">{E(Readers.TryGetValue(group.Key, out var who) ? who.Split(':')[0] : group.Key)} ({group.Count()})</h2><table><thead><tr><th scope=\"col\">Sent</th><th scope=\"col\">To</th><th scope=\"col\">Kind</th><th scope=\"col\">Subject</th><th scope=\"col\">Files</th></tr></thead><tbody>");
            foreach (var e in group.OrderBy(e => e.Sent ?? DateTimeOffset.MaxValue))
            {
                var link = $"{outboxFolderName}/{Uri.EscapeDataString(e.File)}";
                var sent = e.Sent is { } at ? When(Domain.Calendar.LondonTime.LocalDateTimeOf(Instant.FromDateTimeOffset(at))) : "";
                html.Append($"<tr>{Cell("Sent", E(sent))}{Cell("To", E(e.To))}{Cell("Kind", E(e.Kind))}{Cell("Subject", $"<a href=\"{E(link)}.html\">{E(e.Subject)}</a>")}{Cell("Files", $"<a href=\"{E(link)}.eml\">.eml</a>")}</tr>");
            }

            html.Append("</tbody></table>");
        }

        html.Append("</main></body></html>\n");
        File.WriteAllText(Path.Combine(outFolder, "index.html"), html.ToString(), new UTF8Encoding(false));
    }
}
