using System.Diagnostics;
using CpAlerts.Domain.Calendar;
using CpAlerts.Domain.Escalation;
using CpAlerts.Domain.Scorecards;
using CpAlerts.Functions.Reporting;
using CpAlerts.Functions.Scorecards;
using CpAlerts.Functions.Synthetic;
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
}
