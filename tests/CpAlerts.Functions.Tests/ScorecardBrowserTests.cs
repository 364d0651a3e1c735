using CpAlerts.Adapters.Scorecards;
using CpAlerts.Application.Reporting;
using CpAlerts.Domain.Calendar;
using CpAlerts.Domain.Rules;
using CpAlerts.Domain.Scorecards;
using CpAlerts.Testing.Synthetic;
using NodaTime;

namespace CpAlerts.Functions.Tests;

/// <summary>
/// Opens the scorecard page in headless Chromium (Debian's `chromium`), reads the rendered DOM and
/// saves a screenshot to out/scorecard.png. scripts/test.sh installs Chromium, or leaves this one test
/// out with a message when it cannot.
/// </summary>
[Trait("Category", "Browser")]
public class ScorecardBrowserTests
{
    [Fact]
    public void The_page_shows_the_headline_figures_in_a_browser()
    {
        Assert.True(File.Exists(HeadlessChromium.Path), $"Chromium not found at {HeadlessChromium.Path}: scripts/test.sh installs it (or set CPALERTS_CHROMIUM).");
        var asOf = new LocalDate(2026, 11, 23);
        var report = ScorecardReport.Build("DEMO", new SyntheticCaseload(480, 1, asOf).Generate().ToCaseload(), asOf, PeriodKind.Quarter,
            WorkingCalendar.EnglandAndWales, AlertPolicy.Default, ScorecardPolicy.Default);
        var folder = Path.Combine(Path.GetTempPath(), "cpalerts-browser-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var page = Path.Combine(folder, "scorecard.html");
        File.WriteAllText(page, ScorecardPage.Render(report));

        var dom = HeadlessChromium.Run(Path.Combine(folder, "profile1"), "--dump-dom", new Uri(page).AbsoluteUri);
        foreach (var measure in report.Overall.Measures)
        {
            Assert.Contains(measure.Title, dom, StringComparison.Ordinal);
            Assert.Contains(report.Policy.FigureText(measure), dom, StringComparison.Ordinal);
        }

        Assert.Contains("<svg", dom, StringComparison.Ordinal);

        Directory.CreateDirectory(RepositoryRoot.Out());
        var screenshot = RepositoryRoot.Out("scorecard.png");
        HeadlessChromium.Run(Path.Combine(folder, "profile2"), "--window-size=1100,1400", $"--screenshot={screenshot}", new Uri(page).AbsoluteUri);
        Assert.True(new FileInfo(screenshot).Length > 10_000, "a screenshot with something on it");
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>
    /// Every chart label as Chromium lays it out, in a frame exactly <paramref name="width"/> wide: each text's box inside
    /// the drawing (nothing clipped, like "Nov 202" or a "100" cut at the top) and no two overlapping (like the target's
    /// label on a data value, or a year under the axis on its neighbour). Crafted charts with values at 0, 100 and on the
    /// target, across a year's turn into a month still running, join the real page. Only charts on screen are measured:
    /// a phone gets tables instead (<see cref="At_400_px_each_chart_is_a_table_of_legible_figures"/>).
    /// </summary>
    [Theory]
    [InlineData(640)]  // the narrowest screen with charts: the chart above the team table
    [InlineData(820)]  // the chart beside the team table, at its narrowest
    [InlineData(1280)]
    public void Chart_labels_stay_inside_the_chart_and_never_overlap(int width)
    {
        Assert.True(File.Exists(HeadlessChromium.Path), $"Chromium not found at {HeadlessChromium.Path}: scripts/test.sh installs it (or set CPALERTS_CHROMIUM).");
        var asOf = new LocalDate(2026, 11, 23);
        var report = ScorecardReport.Build("DEMO", new SyntheticCaseload(480, 1, asOf).Generate().ToCaseload(), asOf, PeriodKind.Quarter,
            WorkingCalendar.EnglandAndWales, AlertPolicy.Default, ScorecardPolicy.Default);
        double?[] hard = [100, 100, 0, 80, 79.9, 80.1, null, 100, 0, 92.7, 100, 100];
        var crafted = string.Concat(new[] { new LocalDate(2026, 1, 1), new LocalDate(2025, 12, 1), new LocalDate(2026, 2, 1) }.Select(first =>
            SvgTrendChart.Render("crafted", [.. hard.Select((p, i) => new SvgTrendChart.Point(first.PlusMonths(i), p, "x"))], 80, first.PlusMonths(11).PlusDays(27))));
        var html = ScorecardPage.Render(report).Replace("</main>", crafted + "</main>", StringComparison.Ordinal);
        var folder = Path.Combine(Path.GetTempPath(), "cpalerts-chart-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var page = Path.Combine(folder, "frame.html");
        File.WriteAllText(page, $$"""
            <!DOCTYPE html><html><body style="margin:0"><iframe id="f" style="width:{{width}}px;height:900px;border:0" srcdoc="{{System.Net.WebUtility.HtmlEncode(html)}}"></iframe>
            <script>f.onload = () => {
              const problems = []; const charts = [...f.contentDocument.querySelectorAll('svg.chart')].filter(svg => svg.getBoundingClientRect().width > 0);
              for (const svg of charts) {
                const vb = svg.viewBox.baseVal;
                const boxes = [...svg.querySelectorAll('text')].filter(t => getComputedStyle(t).display !== 'none').map(t => [t.textContent, t.getBBox()]);
                for (const [text, b] of boxes) if (b.x < 0 || b.y < 0 || b.x + b.width > vb.width || b.y + b.height > vb.height) problems.push('clipped ' + text);
                for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
                  const [ta, a] = boxes[i], [tb, b] = boxes[j];
                  if (a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5) problems.push('overlap ' + ta + ' / ' + tb);
                }
              }
              document.body.setAttribute('data-charts', charts.length); document.body.setAttribute('data-problems', problems.join(' | '));
            };</script></body></html>
            """);

        var dom = HeadlessChromium.Run(Path.Combine(folder, "profile"), $"--window-size={width + 100},1000", "--dump-dom", new Uri(page).AbsoluteUri);

        var charts = System.Text.RegularExpressions.Regex.Match(dom, "data-charts=\"(\\d+)\"");
        Assert.True(charts.Success && int.Parse(charts.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > report.Overall.Measures.Length, "the charts were not measured");
        var problems = System.Text.RegularExpressions.Regex.Match(dom, "data-problems=\"([^\"]*)\"").Groups[1].Value;
        Assert.True(problems.Length == 0, $"at {width} px: {System.Net.WebUtility.HtmlDecode(problems)}");
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>
    /// Printed from Chromium (print to PDF), the headline — figures, previous period, change, bands and the council's
    /// commentary — fits on at most two A4 pages, and the details start on a page of their own after it.
    /// </summary>
    [Fact]
    public void The_printed_headline_is_at_most_two_a4_pages()
    {
        Assert.True(File.Exists(HeadlessChromium.Path), $"Chromium not found at {HeadlessChromium.Path}: scripts/test.sh installs it (or set CPALERTS_CHROMIUM).");
        var asOf = new LocalDate(2026, 11, 24);
        var report = ScorecardReport.Build("DEMO", new SyntheticCaseload(480, 1, asOf).Generate().ToCaseload(), asOf, PeriodKind.Quarter,
            WorkingCalendar.EnglandAndWales, AlertPolicy.Default, ScorecardPolicy.Default) with
        {
            Commentary = string.Join("\n\n", Enumerable.Repeat("Dental checks fell this quarter because two practices near the council closed; the dental adviser is arranging sessions at the family centre.", 6)),
        };
        var folder = Path.Combine(Path.GetTempPath(), "cpalerts-pdf-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var full = ScorecardPage.Render(report);
        var start = full.IndexOf("<div class=\"details\">", StringComparison.Ordinal);
        Assert.True(start > 0, "the details are marked so print starts them on a new page");
        var headline = full[..start] + "</main></body></html>";

        int Pages(string html, string name)
        {
            var page = Path.Combine(folder, name + ".html");
            var pdf = Path.Combine(folder, name + ".pdf");
            File.WriteAllText(page, html);
            HeadlessChromium.Run(Path.Combine(folder, "profile-" + name), "--no-pdf-header-footer", $"--print-to-pdf={pdf}", new Uri(page).AbsoluteUri);
            var bytes = System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(pdf));
            Assert.Matches(@"/MediaBox \[0 0 59[45]\.\d* 84[12]\.\d*\]", bytes); // A4: 595 x 842 points
            return System.Text.RegularExpressions.Regex.Count(bytes, "/Type /Page\\b");
        }

        var headlinePages = Pages(headline, "headline");
        Assert.InRange(headlinePages, 1, 2);
        Assert.True(Pages(full, "full") > headlinePages, "the details follow the headline on pages of their own");
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>The default demo council's scorecard: 480 synthetic children (seed 1), as the demo and the README build it.</summary>
    private static ScorecardReport Demo(LocalDate asOf, PeriodKind kind) =>
        ScorecardReport.Build("DEMO", new SyntheticCaseload(480, 1, asOf).Generate().ToCaseload(), asOf, kind,
            WorkingCalendar.EnglandAndWales, AlertPolicy.Default, ScorecardPolicy.Default);

    /// <summary>The page in a frame exactly <paramref name="width"/> px wide, a script measuring it; returns the data-problems and data-checked it reports.</summary>
    private static (string Problems, int Checked) Measure(string html, int width, string script)
    {
        var folder = Path.Combine(Path.GetTempPath(), "cpalerts-measure-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var page = Path.Combine(folder, "frame.html");
        File.WriteAllText(page, $$"""
            <!DOCTYPE html><html><body style="margin:0"><iframe id="f" style="width:{{width}}px;height:900px;border:0" srcdoc="{{System.Net.WebUtility.HtmlEncode(html)}}"></iframe>
            <script>f.onload = () => { const d = f.contentDocument, problems = []; let checked = 0;
            {{script}}
            document.body.setAttribute('data-checked', checked); document.body.setAttribute('data-problems', problems.join(' | ')); };</script></body></html>
            """);
        var dom = HeadlessChromium.Run(Path.Combine(folder, "profile"), $"--window-size={width + 100},1000", "--dump-dom", new Uri(page).AbsoluteUri);
        Directory.Delete(folder, recursive: true);
        var count = System.Text.RegularExpressions.Regex.Match(dom, "data-checked=\"(\\d+)\"");
        Assert.True(count.Success, "the page was not measured");
        return (System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(dom, "data-problems=\"([^\"]*)\"").Groups[1].Value),
            int.Parse(count.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The board paper as Chromium prints it to PDF on A4 (what a clerk does from the attachment): the default demo council
    /// fits in four pages, the headline page and three of details. Pages are counted as the PDF's page objects
    /// ("/Type /Page", not the "/Pages" tree), checked against the tree's own count.
    /// </summary>
    [Theory]
    [InlineData("2026-11-24", PeriodKind.Quarter)]
    [InlineData("2026-11-30", PeriodKind.Month)]
    [InlineData("2027-02-10", PeriodKind.Year)]
    public void The_printed_board_paper_is_at_most_four_a4_pages(string asOf, PeriodKind kind)
    {
        Assert.True(File.Exists(HeadlessChromium.Path), $"Chromium not found at {HeadlessChromium.Path}: scripts/test.sh installs it (or set CPALERTS_CHROMIUM).");
        var report = Demo(NodaTime.Text.LocalDatePattern.Iso.Parse(asOf).Value, kind);
        var folder = Path.Combine(Path.GetTempPath(), "cpalerts-paper-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var page = Path.Combine(folder, "scorecard.html");
        var pdf = Path.Combine(folder, "scorecard.pdf");
        File.WriteAllText(page, ScorecardPage.Render(report));

        HeadlessChromium.Run(Path.Combine(folder, "profile"), "--no-pdf-header-footer", $"--print-to-pdf={pdf}", new Uri(page).AbsoluteUri);

        var bytes = System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(pdf));
        Assert.Matches(@"/MediaBox \[0 0 59[45]\.\d* 84[12]\.\d*\]", bytes); // A4: 595 x 842 points
        var pages = System.Text.RegularExpressions.Regex.Count(bytes, @"/Type\s*/Page\b");
        var tree = System.Text.RegularExpressions.Regex.Matches(bytes, @"/Count (\d+)").Max(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(tree, pages);
        Assert.True(pages <= 4, $"the board paper prints on {pages} A4 pages; at most 4");
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>
    /// A figure ("24 of 44", "87.5%", "↑ up 3.2 points") and a band are never broken across lines on paper. The print
    /// stylesheet is applied on screen at A4's text width (210 mm less two 15 mm margins, 680 px), where Chromium can be
    /// asked how many lines each one takes; the phrase for too few children may wrap.
    /// </summary>
    [Fact]
    public void Printed_figures_are_never_broken_across_lines()
    {
        Assert.True(File.Exists(HeadlessChromium.Path), $"Chromium not found at {HeadlessChromium.Path}: scripts/test.sh installs it (or set CPALERTS_CHROMIUM).");
        var html = ScorecardPage.Render(Demo(new LocalDate(2026, 11, 24), PeriodKind.Quarter));
        Assert.Contains("@media print {", html, StringComparison.Ordinal);
        var printed = html.Replace("@media print {", "@media screen {", StringComparison.Ordinal);

        var (problems, measured) = Measure(printed, 680, """
            const lines = el => { const r = d.createRange(); r.selectNodeContents(el); return new Set([...r.getClientRects()].filter(b => b.width > 0).map(b => Math.round(b.bottom))).size; };
            for (const el of d.querySelectorAll('td.num:not(.words), .fig, .rag')) {
              if (!el.textContent.trim() || el.getClientRects().length === 0) continue;
              checked++;
              if (lines(el) > 1) problems.push('"' + el.textContent + '" on ' + lines(el) + ' lines');
            }
            """);

        Assert.True(measured > 100, $"only {measured} figures were measured");
        Assert.True(problems.Length == 0, problems);
    }

    /// <summary>
    /// On a phone 400 px wide, each measure's twelve months are legible: a chart shown there has no text under 12 px, and
    /// where the chart is not shown the month-by-month table is, with text of at least 12 px, inside the screen, and
    /// nothing on the page wider than it.
    /// </summary>
    [Fact]
    public void At_400_px_each_chart_is_a_table_of_legible_figures()
    {
        Assert.True(File.Exists(HeadlessChromium.Path), $"Chromium not found at {HeadlessChromium.Path}: scripts/test.sh installs it (or set CPALERTS_CHROMIUM).");
        var report = Demo(new LocalDate(2026, 11, 24), PeriodKind.Quarter);

        var (problems, measured) = Measure(ScorecardPage.Render(report), 400, """
            if (d.documentElement.scrollWidth > 400) problems.push('the page is ' + d.documentElement.scrollWidth + ' px wide');
            const shown = el => el.getClientRects().length > 0 && el.getBoundingClientRect().height > 0;
            for (const section of d.querySelectorAll('section')) {
              const svg = section.querySelector('svg.chart'); if (!svg) continue;
              const name = section.querySelector('h2').textContent; checked++;
              let chartLegible = false;
              if (shown(svg)) {
                const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                const small = [...svg.querySelectorAll('text')].filter(t => getComputedStyle(t).display !== 'none' && parseFloat(t.getAttribute('font-size')) * scale < 12);
                for (const t of small) problems.push(name + ': chart text "' + t.textContent + '" is ' + (parseFloat(t.getAttribute('font-size')) * scale).toFixed(1) + ' px');
                chartLegible = small.length === 0;
              }
              const table = [...section.querySelectorAll('table')].find(t => shown(t) && t.querySelectorAll('tbody tr').length === 12);
              if (!table) { if (!chartLegible) problems.push(name + ': neither a legible chart nor the month-by-month table'); continue; }
              for (const cell of table.querySelectorAll('th, td')) {
                const box = cell.getBoundingClientRect(), size = parseFloat(getComputedStyle(cell).fontSize);
                if (size < 12) problems.push(name + ': "' + cell.textContent + '" is ' + size + ' px');
                if (box.left < 0 || box.right > 400.5) problems.push(name + ': "' + cell.textContent + '" is outside the screen');
              }
            }
            """);

        Assert.True(problems.Length == 0, problems);
        Assert.Equal(report.Overall.Measures.Length, measured);
    }
}
