using System.Globalization;
using System.Net;
using System.Text;
using CpAlerts.Application.Reporting;
using CpAlerts.Domain.Escalation;
using CpAlerts.Domain.Rules;
using CpAlerts.Domain.Scorecards;
using Markdig;
using Markdig.Syntax;

namespace CpAlerts.Adapters.Scorecards;

/// <summary>The board's page: one self-contained HTML file (inline CSS and SVG) that opens offline and prints well.</summary>
public static class ScorecardPage
{
    /// <summary>Markdown for the commentary with raw HTML turned off: a pasted &lt;script&gt; is shown as text.</summary>
    private static readonly Markdig.MarkdownPipeline Commentary = new Markdig.MarkdownPipelineBuilder().DisableHtml().Build();

    /// <summary>
    /// The commentary as HTML: no raw HTML; no images (the page opens offline and loads nothing); links only to
    /// http(s) and mailto addresses, anything else (javascript:, data:) kept as its words without a link.
    /// </summary>
    private static string CommentaryHtml(string text)
    {
        var document = Markdown.Parse(text, Commentary);
        foreach (var link in document.Descendants<Markdig.Syntax.Inlines.LinkInline>().ToList())
        {
            var words = string.Concat(link.Descendants<Markdig.Syntax.Inlines.LiteralInline>().Select(l => l.Content.ToString()));
            var safe = Uri.TryCreate(link.Url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" or "mailto";
            if (link.IsImage || !safe)
            {
                link.ReplaceBy(new Markdig.Syntax.Inlines.LiteralInline(link.IsImage ? $"(image left out: {words})" : words));
            }
        }

        return document.ToHtml(Commentary);
    }

    /// <summary>A period as a table row says it: "Nov 2026", or "Nov 2026, to 24 Nov" while it is still running.</summary>
    private static string RowLabel(ReportingPeriod period) =>
        period.ToDate ? $"{period.ShortLabel}, to {period.End.ToString("d MMM", CultureInfo.InvariantCulture)}" : period.Label;

    /// <summary>
    /// A cell's own copy of its column's heading: hidden where the header row shows, shown on a phone, where the table is
    /// stacked one cell a line and the header row is kept for screen readers only (issue 30: no figure left bare).
    /// </summary>
    private static string Label(string heading) => $"<span class=\"cell-label\">{WebUtility.HtmlEncode(heading)}: </span>";

    /// <summary>
    /// A figure's cell: "87.5%" kept on one line; the words for too few children may wrap (they are a phrase, not a
    /// figure, and a narrow column would otherwise be pushed wider than the page). With a heading, the cell carries it
    /// for a phone; the month-by-month tables are not stacked there, so their cells need none.
    /// </summary>
    private static string FigureCell(ScorecardPolicy policy, Measure m, string? heading = null) =>
        $"<td class=\"num{(policy.IsTooSmall(m) ? " words" : "")}\">{(heading is null ? "" : Label(heading))}{policy.FigureText(m)}</td>";

    /// <summary>The figure and "of" cells of a table row; too few children take both, as there is no count to show.</summary>
    private static string FigureAndOfCells(ScorecardPolicy policy, Measure m, bool labelled = false) => policy.IsTooSmall(m)
        ? $"<td class=\"num words\" colspan=\"2\">{(labelled ? Label(FigureHeading) : "")}{policy.FigureText(m)}</td>"
        : $"{FigureCell(policy, m, labelled ? FigureHeading : null)}<td class=\"num\">{(labelled ? Label(OfHeading) : "")}{policy.OfText(m)}</td>";

    private const string FigureHeading = "Figure", OfHeading = "Of", StatusHeading = "Status";

    private static string LevelHeading(EscalationLevel level) => level switch { EscalationLevel.DueSoon => "Due soon", EscalationLevel.Overdue => "Overdue", _ => "Escalated" };

    private static string Badge(RagStatus status) => $"<span class=\"rag rag-{status}\">{ScorecardPolicy.Words(status)}</span>";

    public static string Render(ScorecardReport report)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var policy = report.Policy;
        var html = new StringBuilder();
        var title = $"Corporate Parenting scorecard: {report.Council}, {report.Overall.Period.Label}";
        html.Append(CultureInfo.InvariantCulture, $$"""
            <!DOCTYPE html>
            <html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{E(title)}}</title>
            <style>
              body { font-family: Arial, Helvetica, sans-serif; color: #1b1b1b; background: #fff; max-width: 980px; margin: auto; padding: 16px; line-height: 1.45; }
              h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 2px solid #1b1b1b; }
              table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; }
              caption { text-align: left; font-weight: bold; padding: 4px 0; }
              th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #6f6f6f; vertical-align: top; }
              th { background: #f3f2f1; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
              /* A figure ("24 of 44", "87.5%", "↑ up 3.2 points") is never broken across lines; the phrase for too few children may be. */
              td.num, .fig, .rag { white-space: nowrap; } td.words { white-space: normal; }
              .rag { font-weight: bold; padding: 2px 6px; border: 2px solid currentColor; }
              .rag-OnTarget { color: #00703c; } .rag-CloseToTarget { color: #1d5aa6; } .rag-BelowTarget { color: #8a3300; } .rag-WellBelowTarget { color: #b10e1e; }
              .rag-TooFewToShow, .rag-NoneCounted { color: #505a5f; border-style: dashed; font-weight: normal; }
              .headline { font-size: 2em; font-weight: bold; }
              .cell-label { display: none; }
              .chart { width: 100%; max-width: 640px; height: auto; display: block; }
              details { margin: 4px 0 12px; } summary { cursor: pointer; color: #1d5aa6; }
              table.trend-narrow { display: none; }
              /* Wide screens and paper: the chart beside the team table, so a measure takes a third of a page, not a page. */
              @media (min-width: 800px) { .pair { display: grid; grid-template-columns: minmax(0, 11fr) minmax(0, 9fr); gap: 16px; align-items: start; } .pair table { margin-top: 0; } }
              @page { size: A4; margin: 15mm; }
              @media print {
                body { font-size: 9.5pt; line-height: 1.3; max-width: none; padding: 0; }
                h1 { font-size: 15pt; margin: 0 0 6pt; } h2 { font-size: 12pt; margin: 10pt 0 4pt; break-after: avoid; } p { margin: 3pt 0; }
                th, td { padding: 2pt 4pt; } table { margin: 3pt 0 6pt; } .headline { font-size: 1.5em; }
                .pair { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 10pt; align-items: start; }
                .rag { padding: 0 3pt; border-width: 1.5px; }
                /* A measure is kept whole: its heading and figure never end a page with its chart on the next. */
                section, table, p { break-inside: avoid; } a { color: inherit; text-decoration: none; }
                details { display: none; } /* the printed chart carries its values */
                .details { break-before: page; }
              }
              /* On a phone each table row becomes a block, headings kept for screen readers: no sideways scrolling. */
              @media (max-width: 600px) {
                table, thead, tbody, tr, td, th, caption { display: block; width: auto; }
                thead tr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
                tr { border-bottom: 1px solid #6f6f6f; padding: 6px 0; } td, th { border-bottom: none; padding: 2px 0; } td.num { text-align: left; }
                body { overflow-wrap: anywhere; } .headline { font-size: 1.5em; }
                /* Each stacked cell shows its column's heading (.cell-label, as in the emails); the label may wrap, the figure not. */
                .cell-label { display: inline; font-weight: bold; font-size: 1rem; white-space: normal; }
                /* On a 400 px phone a chart's text is 10 px: the month-by-month table takes its place. */
                .chart, details.figures { display: none; }
                table.trend-narrow { display: table; width: 100%; }
                .trend-narrow caption { display: table-caption; } .trend-narrow thead { display: table-header-group; } .trend-narrow tbody { display: table-row-group; }
                .trend-narrow tr { display: table-row; } .trend-narrow thead tr { position: static; width: auto; height: auto; overflow: visible; clip: auto; }
                .trend-narrow th, .trend-narrow td { display: table-cell; padding: 4px 6px; border-bottom: 1px solid #6f6f6f; }
                .trend-narrow td.num { text-align: right; }
              }
            </style></head><body><main>
            <h1>{{E(title)}}</h1>
            <p>Period {{report.Overall.Period.Start:d MMM yyyy}} to {{report.Overall.Period.End:d MMM yyyy}}. Target {{policy.Target:0.#}}%.
            Bands: {{E(policy.BandsText)}}
            Figures for fewer than {{policy.MinimumCohort}} children are not shown, to protect the children: they read "Too few to show".</p>
            <table><caption>Headline figures</caption>
            <thead><tr><th scope="col">Measure</th><th scope="col">{{E(report.Overall.Period.Label)}}</th><th scope="col">Of</th><th scope="col">Status</th><th scope="col">{{E(report.Previous.Period.Label)}}</th><th scope="col">Change</th>{{(policy.Comparators.IsEmpty ? "" : "<th scope=\"col\">Comparator</th>")}}</tr></thead><tbody>
            """);
        foreach (var m in report.Overall.Measures)
        {
            var before = report.Previous[m.Id];
            html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\"><a href=\"#{E(m.Id)}\">{E(m.Title)}</a></th><td class=\"num headline{(policy.IsTooSmall(m) ? " words" : "")}\">{Label(report.Overall.Period.Label)}<span data-measure=\"{E(m.Id)}\">{policy.FigureText(m)}</span></td><td class=\"num\">{Label(OfHeading)}{policy.OfText(m)}</td><td>{Label(StatusHeading)}{Badge(policy.StatusOf(m))}</td>{FigureCell(policy, before, report.Previous.Period.Label)}<td class=\"fig\">{Label("Change")}{E(policy.ChangeText(m, before))}</td>{(policy.Comparators.IsEmpty ? "" : $"<td>{Label("Comparator")}{E(policy.Comparators.GetValueOrDefault(m.Id)?.Text ?? "none set")}</td>")}</tr>\n");
        }

        html.Append("</tbody></table>\n");
        if (report.Commentary is { Length: > 0 } commentary)
        {
            // The council's own words for the period (Markdown or plain text); raw HTML in it is shown as text, never run.
            html.Append("<section><h2 id=\"commentary\">Commentary</h2>").Append(CommentaryHtml(commentary)).Append("</section>\n");
        }
        // The details (a section per measure, then open items) start on a new page when printed: the headline prints on its own.
        html.Append("<div class=\"details\">");
        var lastMonth = report.Trend[^1].Period;
        foreach (var m in report.Overall.Measures)
        {
            var status = policy.StatusOf(m);
            // A month with fewer children than the minimum cohort is a gap in the line, not a swing to 0% or 100%.
            var points = report.Trend.Select(s => new SvgTrendChart.Point(s.Period.Start,
                policy.IsTooSmall(s[m.Id]) ? null : s[m.Id].Percent, $"{RowLabel(s.Period)}: {policy.FigureText(s[m.Id])}{(policy.OfText(s[m.Id]) is { Length: > 0 } of ? $" ({of})" : "")}")).ToList();
            html.Append(CultureInfo.InvariantCulture, $"<section><h2 id=\"{E(m.Id)}\">{E(m.Title)}</h2><p>{E(m.Definition)}</p>");
            var count = policy.IsTooSmall(m) ? "" : policy.OfText(m) is { Length: > 0 } ofText ? $" <span class=\"fig\">({ofText})</span>" : "";
            html.Append(CultureInfo.InvariantCulture, $"<p><span class=\"headline\">{policy.FigureText(m)}</span>{count} against a target of {policy.Target:0.#}%: {Badge(status)}</p>");
            if (!policy.IsTooSmall(m) && m.LateReasonsText is { } reasons)
            {
                html.Append(CultureInfo.InvariantCulture, $"<p class=\"reasons\">{E(reasons)}</p>");
            }

            if (policy.Comparators.GetValueOrDefault(m.Id) is { } comparator)
            {
                html.Append(CultureInfo.InvariantCulture, $"<p>Compare: {E(comparator.Text)} ({E(comparator.Source)}).</p>");
            }

            html.Append("<div class=\"pair\"><div class=\"trend\">");
            html.Append(SvgTrendChart.Render($"{m.Title}: last 12 months, {report.Trend[0].Period.Label} to {lastMonth.ShortLabel}", points, policy.Target, lastMonth.ToDate ? lastMonth.End : null));
            // The chart's figures as a table, with the counts: for a screen reader, and in the chart's place on a phone.
            var rows = new StringBuilder();
            foreach (var month in report.Trend)
            {
                var t = month[m.Id];
                rows.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{E(RowLabel(month.Period))}</th>{FigureAndOfCells(policy, t)}</tr>");
            }

            const string Head = "<thead><tr><th scope=\"col\">Month</th><th scope=\"col\">Figure</th><th scope=\"col\">Of</th></tr></thead>";
            html.Append(CultureInfo.InvariantCulture, $"<details class=\"figures\"><summary>The chart's figures, month by month</summary><table class=\"trend\"><caption>Last 12 months</caption>{Head}<tbody>{rows}</tbody></table></details>");
            html.Append(CultureInfo.InvariantCulture, $"<table class=\"trend-narrow\"><caption>Last 12 months</caption>{Head}<tbody>{rows}</tbody></table></div>");

            // A team with nobody counted for this measure has no row: "0 of 0" says nothing, and looks like missing data.
            var counted = report.Teams.Where(team => team[m.Id].Denominator > 0).ToList();
            if (counted.Count == 0)
            {
                html.Append("<p class=\"teams\">No team had anyone counted for this measure in the period.</p>");
            }
            else
            {
                html.Append($"<table class=\"teams\"><caption>By team</caption><thead><tr><th scope=\"col\">Team</th><th scope=\"col\">{FigureHeading}</th><th scope=\"col\">{OfHeading}</th><th scope=\"col\">{StatusHeading}</th></tr></thead><tbody>");
                foreach (var team in counted)
                {
                    var t = team[m.Id];
                    html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{E(team.Group)}</th>{FigureAndOfCells(policy, t, labelled: true)}<td>{Label(StatusHeading)}{Badge(policy.StatusOf(t))}</td></tr>");
                }

                html.Append("</tbody></table>");
            }

            html.Append("</div></section>\n");
        }

        html.Append("<section><h2 id=\"open-findings\">Open items at the end of the period</h2><table><caption>Items open at the end of the period, by how late</caption><thead><tr><th scope=\"col\">Timescale</th>");
        foreach (var level in Enum.GetValues<EscalationLevel>())
        {
            html.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\">{E(LevelHeading(level))}</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var rule in Enum.GetValues<RuleId>())
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{E(rule.Title())}</th>");
            foreach (var level in Enum.GetValues<EscalationLevel>())
            {
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{Label(LevelHeading(level))}{report.Overall.OpenFindings.GetValueOrDefault((rule, level))}</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table></section></div>\n<p>Produced by CpAlerts from the council's case records; figures are as of the last day of each period.</p></main></body></html>\n");
        return html.ToString();
    }
}
