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
            Assert.Contains(measure.Percent is { } p ? p.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%" : "no data", dom, StringComparison.Ordinal);
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
    /// label on a data value). A crafted chart with values at 0, 100 and on the target joins the real page.
    /// </summary>
    [Theory]
    [InlineData(400)]
    [InlineData(1280)]
    public void Chart_labels_stay_inside_the_chart_and_never_overlap(int width)
    {
        Assert.True(File.Exists(HeadlessChromium.Path), $"Chromium not found at {HeadlessChromium.Path}: scripts/test.sh installs it (or set CPALERTS_CHROMIUM).");
        var asOf = new LocalDate(2026, 11, 23);
        var report = ScorecardReport.Build("DEMO", new SyntheticCaseload(480, 1, asOf).Generate().ToCaseload(), asOf, PeriodKind.Quarter,
            WorkingCalendar.EnglandAndWales, AlertPolicy.Default, ScorecardPolicy.Default);
        double?[] hard = [100, 100, 0, 80, 79.9, 80.1, null, 100, 0, 92.7, 100, 100];
        var crafted = SvgTrendChart.Render("crafted", [.. hard.Select((p, i) => new SvgTrendChart.Point(new LocalDate(2026, 1, 1).PlusMonths(i).ToString("MMM", null), p, "x"))], 80);
        var html = ScorecardPage.Render(report).Replace("</main>", crafted + "</main>", StringComparison.Ordinal);
        var folder = Path.Combine(Path.GetTempPath(), "cpalerts-chart-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var page = Path.Combine(folder, "frame.html");
        File.WriteAllText(page, $$"""
            <!DOCTYPE html><html><body style="margin:0"><iframe id="f" style="width:{{width}}px;height:900px;border:0" srcdoc="{{System.Net.WebUtility.HtmlEncode(html)}}"></iframe>
            <script>f.onload = () => {
              const problems = []; const charts = f.contentDocument.querySelectorAll('svg.chart');
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
}
