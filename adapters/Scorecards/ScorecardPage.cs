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
              .rag { font-weight: bold; padding: 2px 6px; border: 2px solid currentColor; white-space: nowrap; }
              .rag-Outstanding { color: #00703c; } .rag-Good { color: #1d5aa6; } .rag-RequiresImprovement { color: #8a3300; } .rag-Inadequate { color: #b10e1e; } .rag-NoData { color: #505a5f; }
              .headline { font-size: 2em; font-weight: bold; }
              .chart { width: 100%; height: auto; display: block; }
              details { margin: 4px 0 12px; } summary { cursor: pointer; color: #1d5aa6; }
              @page { size: A4; margin: 15mm; }
              @media print { h2 { break-before: auto; } section { break-inside: avoid; } a { color: inherit; } .details { break-before: page; } details > table { display: table; } }
              /* On a phone each table row becomes a block, headings kept for screen readers: no sideways scrolling. */
              @media (max-width: 600px) {
                table, thead, tbody, tr, td, th, caption { display: block; width: auto; }
                thead tr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
                tr { border-bottom: 1px solid #6f6f6f; padding: 6px 0; } td, th { border-bottom: none; padding: 2px 0; } td.num { text-align: left; }
                body { overflow-wrap: anywhere; } .headline { font-size: 1.5em; }
                .chart .value { display: none; } /* on a phone the values are in the table under the chart */
              }
            </style></head><body><main>
            <h1>{{E(title)}}</h1>
            <p>Period {{report.Overall.Period.Start:d MMM yyyy}} to {{report.Overall.Period.End:d MMM yyyy}}. Target {{policy.Target:0.#}}%.
            Bands: Outstanding {{policy.OutstandingFrom:0.#}}% and above; Good {{policy.GoodFrom:0.#}}% to below {{policy.OutstandingFrom:0.#}}%; Requires improvement {{policy.RequiresImprovementFrom:0.#}}% to below {{policy.GoodFrom:0.#}}%; Inadequate below {{policy.RequiresImprovementFrom:0.#}}%.
            Figures for fewer than {{policy.MinimumCohort}} children are not shown as percentages.</p>
            <table><caption>Headline figures</caption>
            <thead><tr><th scope="col">Measure</th><th scope="col">{{E(report.Overall.Period.Label)}}</th><th scope="col">Of</th><th scope="col">Status</th><th scope="col">{{E(report.Previous.Period.Label)}}</th><th scope="col">Change</th>{{(policy.Comparators.IsEmpty ? "" : "<th scope=\"col\">Comparator</th>")}}</tr></thead><tbody>
            """);
        foreach (var m in report.Overall.Measures)
        {
            var status = policy.StatusOf(m);
            var before = report.Previous[m.Id];
            html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\"><a href=\"#{E(m.Id)}\">{E(m.Title)}</a></th><td class=\"num headline\" data-measure=\"{E(m.Id)}\">{policy.FigureText(m)}</td><td class=\"num\">{policy.OfText(m)}</td><td><span class=\"rag rag-{status}\">{ScorecardPolicy.Words(status)}</span></td><td class=\"num\">{policy.FigureText(before)}</td><td>{E(policy.ChangeText(m, before))}</td>{(policy.Comparators.IsEmpty ? "" : $"<td>{E(policy.Comparators.GetValueOrDefault(m.Id)?.Text ?? "none set")}</td>")}</tr>\n");
        }

        html.Append("</tbody></table>\n");
        if (report.Commentary is { Length: > 0 } commentary)
        {
            // The council's own words for the period (Markdown or plain text); raw HTML in it is shown as text, never run.
            html.Append("<section><h2 id=\"commentary\">Commentary</h2>").Append(CommentaryHtml(commentary)).Append("</section>\n");
        }
        // The details (a section per measure, then open items) start on a new page when printed: the headline prints on its own.
        html.Append("<div class=\"details\">");
        foreach (var m in report.Overall.Measures)
        {
            var status = policy.StatusOf(m);
            // A month with fewer children than the minimum cohort is a gap in the line, not a swing to 0% or 100%.
            var points = report.Trend.Select(s => new SvgTrendChart.Point(s.Period.Start.ToString("MMM", CultureInfo.InvariantCulture),
                policy.IsTooSmall(s[m.Id]) ? null : s[m.Id].Percent, $"{s.Period.Label}: {policy.FigureText(s[m.Id])}{(policy.OfText(s[m.Id]) is { Length: > 0 } of ? $" ({of})" : "")}")).ToList();
            html.Append(CultureInfo.InvariantCulture, $"<section><h2 id=\"{E(m.Id)}\">{E(m.Title)}</h2><p>{E(m.Definition)}</p>");
            html.Append(CultureInfo.InvariantCulture, $"<p><span class=\"headline\">{policy.FigureText(m)}</span> ({(policy.IsTooSmall(m) ? "too few to rate" : policy.OfText(m))}) against a target of {policy.Target:0.#}%: <span class=\"rag rag-{status}\">{ScorecardPolicy.Words(status)}</span></p>");
            if (!policy.IsTooSmall(m) && m.LateReasonsText is { } reasons)
            {
                html.Append(CultureInfo.InvariantCulture, $"<p class=\"reasons\">{E(reasons)}</p>");
            }

            if (policy.Comparators.GetValueOrDefault(m.Id) is { } comparator)
            {
                html.Append(CultureInfo.InvariantCulture, $"<p>Compare: {E(comparator.Text)} ({E(comparator.Source)}).</p>");
            }

            html.Append(SvgTrendChart.Render($"{m.Title}: last 12 months, {report.Trend[0].Period.Label} to {report.Trend[^1].Period.ShortLabel}", points, policy.Target));
            // The chart's figures as a table, with the counts: readable on a phone and by a screen reader.
            html.Append("<details><summary>The chart's figures, month by month</summary><table class=\"trend\"><caption>Last 12 months</caption><thead><tr><th scope=\"col\">Month</th><th scope=\"col\">Figure</th><th scope=\"col\">Of</th></tr></thead><tbody>");
            foreach (var month in report.Trend)
            {
                var t = month[m.Id];
                html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{E(month.Period.Label)}</th><td class=\"num\">{policy.FigureText(t)}</td><td class=\"num\">{policy.OfText(t)}</td></tr>");
            }

            html.Append("</tbody></table></details>");
            html.Append("<table><caption>By team</caption><thead><tr><th scope=\"col\">Team</th><th scope=\"col\">Figure</th><th scope=\"col\">Of</th><th scope=\"col\">Status</th></tr></thead><tbody>");
            foreach (var team in report.Teams)
            {
                var t = team[m.Id];
                var ts = policy.StatusOf(t);
                html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{E(team.Group)}</th><td class=\"num\">{policy.FigureText(t)}</td><td class=\"num\">{policy.OfText(t)}</td><td><span class=\"rag rag-{ts}\">{ScorecardPolicy.Words(ts)}</span></td></tr>");
            }

            html.Append("</tbody></table></section>\n");
        }

        html.Append("<section><h2 id=\"open-findings\">Open items at the end of the period</h2><table><caption>Items open at the end of the period, by how late</caption><thead><tr><th scope=\"col\">Timescale</th>");
        foreach (var level in Enum.GetValues<EscalationLevel>())
        {
            html.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\">{E(level switch { EscalationLevel.DueSoon => "Due soon", EscalationLevel.Overdue => "Overdue", _ => "Escalated" })}</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var rule in Enum.GetValues<RuleId>())
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{E(rule.Title())}</th>");
            foreach (var level in Enum.GetValues<EscalationLevel>())
            {
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{report.Overall.OpenFindings.GetValueOrDefault((rule, level))}</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table></section></div>\n<p>Produced by CpAlerts from the council's case records; figures are as of the last day of each period.</p></main></body></html>\n");
        return html.ToString();
    }
}
