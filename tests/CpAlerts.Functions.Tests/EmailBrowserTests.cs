using System.Text.RegularExpressions;
using CpAlerts.Adapters.Email;
using CpAlerts.Application.Configuration;
using CpAlerts.Application.Delivery;
using CpAlerts.Application.Messages;
using CpAlerts.Application.Ports;
using CpAlerts.Application.Reporting;
using CpAlerts.Domain.Calendar;
using CpAlerts.Domain.Escalation;
using CpAlerts.Domain.Records;
using CpAlerts.Domain.Rules;
using CpAlerts.Domain.Scorecards;
using CpAlerts.Testing.LocalRun;
using CpAlerts.Testing.Synthetic;
using Moq;
using NodaTime;

namespace CpAlerts.Functions.Tests;

/// <summary>
/// Every email as a phone shows it: each HTML template, rendered from real content, opened in headless
/// Chromium 400 px wide, must not be wider than the screen (no sideways scrolling); and 1280 px wide too.
/// </summary>
[Trait("Category", "Browser")]
public class EmailBrowserTests
{
    private static readonly DeliverySettings Settings = new("cpalerts@council.example", "CpAlerts", "https://cases.council.example/children/{childId}", [],
        "fallback@council.example", DeliverySettings.DefaultTemplatesFolder);

    private static async Task<Dictionary<string, Dictionary<string, object?>>> ModelsAsync()
    {
        var caseload = new Mock<ICaseloadReader>();
        caseload.Setup(c => c.ReadChildAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, string id, CancellationToken _) => new Child(id, "Alexandria-Rose", "Montgomery-Fitzwilliam", new LocalDate(2013, 8, 8),
                LegalStatus.InterimCareOrder, true, "Out of area: a placement with a very long name in Northtown", ConsentStatus.Pending, new LocalDate(2026, 11, 2), null, "S03"));
        caseload.Setup(c => c.ReadStaffMemberAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new StaffMember("S03", "Worker Bartholomew Featherstonehaugh", "bartholomew.featherstonehaugh@council.example", StaffRole.SocialWorker, "TM1", "A"));
        var content = new EmailContent(caseload.Object, Settings);
        AlertItem Item(RuleId rule, EscalationLevel level, int days, Audience audience) =>
            new($"{rule.Code()}|C0000{days}|2026-12-01", rule, $"C0000{days}", rule == RuleId.ReturnInterview ? "EPISODE-2026-000123" : $"C0000{days}", new LocalDate(2026, 12, 1),
                rule == RuleId.ReturnInterview ? Instant.FromUtc(2026, 12, 1, 18, 30) : null, days, level, audience, null);
        AlertItem[] items =
        [
            Item(RuleId.ReturnInterview, EscalationLevel.Escalated, 27, Audience.TeamManager),
            Item(RuleId.PermanenceReview, EscalationLevel.Overdue, 3, Audience.TeamManager),
            Item(RuleId.ReviewHealthAssessment, EscalationLevel.DueSoon, 0, Audience.TeamManager) with { DueDate = new LocalDate(2027, 1, 5) },
        ];
        var escalation = new EscalationMessage(1, "e", "DEMO", new LocalDate(2026, 12, 29), MessageRecipient.Staff("TM1"), items);
        var asOf = new LocalDate(2026, 11, 30);
        var report = ScorecardReport.Build("DEMO", new SyntheticCaseload(120, 3, asOf).Generate().ToCaseload(), asOf, PeriodKind.Month,
            WorkingCalendar.EnglandAndWales, AlertPolicy.Default, ScorecardPolicy.Default);
        return new()
        {
            ["digest"] = await content.DigestAsync(new DigestMessage(1, "d", "DEMO", new LocalDate(2026, 12, 28), MessageRecipient.Staff("S03"), [.. items.Select(i => i with { Audience = Audience.SocialWorker })]), "Worker", default),
            ["escalation"] = await content.EscalationAsync(escalation, "Manager", default),
            ["same-day"] = await content.SameDayAsync(escalation with { Purpose = AlertPurpose.SameDay }, "Worker", default),
            ["baseline"] = content.Baseline(escalation with { Purpose = AlertPurpose.Baseline }, await content.ReadItemsAsync(escalation, default), "Manager"),
            ["iha-request"] = await content.IhaRequestAsync(new IhaRequestMessage(1, "i", "DEMO", "C000042", new LocalDate(2026, 11, 2), new LocalDate(2026, 11, 30), MessageRecipient.Staff("HT1")), "Health team", default),
            ["scorecard"] = EmailContent.Scorecard(report, "Board mailbox"),
            ["iha-report"] = IhaReportModel(),
            ["undeliverable"] = EmailContent.Undeliverable(EmailKind.SameDay, "0123456789abcdef0123456789abcdef", "Manager", "Worker Bartholomew Featherstonehaugh",
                "bartholomew.featherstonehaugh.worker@a-long-council-name.gov.example", UndeliverableNotice.ReasonWords("SendGrid refused the email (400)"), "You are told because you manage Worker Bartholomew Featherstonehaugh: please make sure these items are acted on.",
                [.. items.Select(MissedItem.From)]),
        };
    }

    /// <summary>The weekly IHA request report for every child of a synthetic caseload, names shown (the longest rows).</summary>
    private static Dictionary<string, object?> IhaReportModel()
    {
        var asOf = new LocalDate(2026, 11, 30);
        var export = new SyntheticCaseload(240, 5, asOf).Generate();
        var caseload = export.ToCaseload();
        var report = new Domain.Reports.IhaRequestReport(AlertPolicy.Default, WorkingCalendar.EnglandAndWales);
        var data = new EmailContent.IhaReportData(report.Rows(caseload.Children, asOf), report.Trend(caseload.Children, asOf),
            caseload.Children.ToDictionary(c => c.Child.ChildId, c => c.Child), new Domain.Recipients.StaffDirectory(export.Staff), NamesShown: true);
        Assert.NotEmpty(data.Rows);
        return EmailContent.IhaReport(new IhaReportMessage(1, "r", "DEMO", new LocalDate(2026, 11, 30), null, Audience.HealthTeam, MessageRecipient.Staff("HT01")), data, "Health team");
    }

    /// <summary>The scorecard page as the demo and the emailed attachment show it.</summary>
    private static Task<string> ScorecardPageAsync()
    {
        var asOf = new LocalDate(2026, 11, 30);
        var report = ScorecardReport.Build("DEMO", new SyntheticCaseload(120, 3, asOf).Generate().ToCaseload(), asOf, PeriodKind.Quarter,
            WorkingCalendar.EnglandAndWales, AlertPolicy.Default, ScorecardPolicy.Default);
        return Task.FromResult(CpAlerts.Adapters.Scorecards.ScorecardPage.Render(report));
    }

    /// <summary>The demo's landing page with long subjects, dead-letters, its story and the team view's, as OutboxIndex writes it.</summary>
    private static string DemoIndex(string folder)
    {
        var entries = new[]
        {
            new OutboxIndex.Entry("TeamManager", "baseline", "a-very-long-team-manager-address@council.example", "CpAlerts has started: 31 items already open for children in care (Tue 24 Nov 2026)", "TeamManager-baseline-0123456789abcdef0123456789abcdef",
                new DateTimeOffset(2026, 11, 24, 6, 0, 2, TimeSpan.Zero)),
            new OutboxIndex.Entry("HealthTeam", "iha-request", "cheshire-merseyside.lac@nhs.example", "Initial health assessment needed for C000110 by Fri 27 Nov 2026", "HealthTeam-iha-request-0123456789abcdef0123456789abcdef",
                new DateTimeOffset(2026, 12, 1, 6, 0, 3, TimeSpan.Zero)),
        };
        OutboxIndex.TeamViewStory inHand = new("Worker Bartholomew Featherstonehaugh", "sw001@council.example", "Manager Alpha", "tm01@council.example", 2, new LocalDate(2026, 11, 30),
            new LocalDateTime(2026, 11, 27, 16, 0), new LocalDate(2026, 11, 30)) { Held = 2, HeldMornings = 3 };
        OutboxIndex.Write(folder, "outbox", entries, "CpAlerts demo, council DEMO, as of 2026-12-01", ["DeliverEscalation-0123456789abcdef0123456789abcdef.json"], inHand,
            [new(new LocalDateTime(2026, 11, 24, 6, 0), "CpAlerts goes live: the first daily sweep sends one baseline summary per manager and specialist", 1),
             new(new LocalDateTime(2026, 11, 27, 16, 0), "A social worker says in the team view that items escalating soon are in hand", 0),
             new(new LocalDateTime(2026, 12, 1, 6, 0), "The daily sweep: what changed since the day before", 1)]);
        return File.ReadAllText(Path.Combine(folder, "index.html"));
    }

    /// <summary>
    /// Issue 30: on a phone every email's tables are stacked, one cell a line, and the header row is kept for screen readers
    /// only, so each data cell must show its column's heading itself (a count, a date, a previous period must never stand
    /// bare); on a desktop the header row shows and the cells' own labels do not. Every kind is checked in one Chromium run
    /// a width: each email in a frame exactly that wide, StackedTableLabels.Script run in each, its findings printed into
    /// the DOM. The scorecard page (the board's attachment and the demo's scorecard.html) and the demo's index are checked
    /// the same way: they are pages, not templates, but a phone reads them too.
    /// </summary>
    [Theory]
    [InlineData(400)]
    [InlineData(1280)]
    public async Task Every_stacked_cell_shows_its_column_heading(int width)
    {
        Assert.True(File.Exists(HeadlessChromium.Path), $"Chromium not found at {HeadlessChromium.Path}: scripts/test.sh installs it (or set CPALERTS_CHROMIUM).");
        var folder = Path.Combine(Path.GetTempPath(), "cpalerts-labels-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var templates = new EmailTemplates(Settings.TemplatesFolder);
        var models = await ModelsAsync();
        var html = models.ToDictionary(m => m.Key, m => templates.Render(m.Key, m.Value).Html, StringComparer.Ordinal);
        html["demo-index"] = DemoIndex(folder);
        html["scorecard-page"] = await ScorecardPageAsync();
        var frames = string.Concat(html.Select(h =>
            $"<iframe data-kind=\"{h.Key}\" style=\"width:{width}px;height:900px;border:0;display:block\" srcdoc=\"{System.Net.WebUtility.HtmlEncode(h.Value)}\"></iframe>"));
        var page = Path.Combine(folder, $"labels-{width}.html");
        File.WriteAllText(page, $$"""
            <!DOCTYPE html><html><body style="margin:0">{{frames}}<pre id="labels"></pre>
            <script>const check = {{StackedTableLabels.Script}};
            window.onload = () => { const out = {}; document.querySelectorAll('iframe').forEach(f => out[f.dataset.kind] = check(f.contentDocument, {{(width < 600 ? "true" : "false")}})); document.getElementById('labels').textContent = JSON.stringify(out); };</script></body></html>
            """);

        var dom = HeadlessChromium.Run(Path.Combine(folder, $"profile-labels-{width}"), $"--window-size={width + 100},1000", "--dump-dom", new Uri(page).AbsoluteUri);
        Directory.Delete(folder, recursive: true);

        var printed = Regex.Match(dom, "<pre id=\"labels\">(.*?)</pre>", RegexOptions.Singleline);
        Assert.True(printed.Success && printed.Groups[1].Length > 0, "the page did not report its tables");
        var reports = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, System.Text.Json.JsonElement>>(System.Net.WebUtility.HtmlDecode(printed.Groups[1].Value))!
            .ToDictionary(r => r.Key, r => StackedTableLabels.Parse(r.Value.GetRawText()), StringComparer.Ordinal);
        Assert.Equal(html.Keys.Order(StringComparer.Ordinal), reports.Keys.Order(StringComparer.Ordinal));
        var problems = reports.SelectMany(r => r.Value.Problems.Select(p => $"{r.Key} at {width} px: {p}")).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        foreach (var (kind, report) in reports)
        {
            // Every table with a header row was found and has data cells to check (a test that checks nothing passes).
            Assert.Equal(Regex.Count(html[kind], "<thead>"), report.Tables);
            Assert.True(report.Tables == 0 || report.Cells > 0, $"{kind}: no data cells were checked");
        }

        // The cells the issue found bare are among those checked.
        foreach (var kind in (string[])["escalation", "baseline", "iha-report", "scorecard", "digest", "same-day", "undeliverable", "demo-index", "scorecard-page"])
        {
            Assert.True(reports[kind].Cells > 0, $"{kind}: no data cells were checked");
        }
        Assert.True(reports["iha-request"].RowHeaded > 0, "iha-request: its rows keep their row headings");
    }

    [Theory]
    [InlineData(400)]
    [InlineData(1280)]
    public async Task No_email_or_page_is_wider_than_the_screen(int width)
    {
        Assert.True(File.Exists(HeadlessChromium.Path), $"Chromium not found at {HeadlessChromium.Path}: scripts/test.sh installs it (or set CPALERTS_CHROMIUM).");
        var folder = Path.Combine(Path.GetTempPath(), "cpalerts-emails-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var templates = new EmailTemplates(Settings.TemplatesFolder);
        var models = await ModelsAsync();
        // Every HTML template is measured: a new kind of email cannot skip this test.
        Assert.Equal(Directory.GetFiles(Settings.TemplatesFolder, "*.html.liquid").Select(f => Path.GetFileName(f)[..^".html.liquid".Length]).Order(StringComparer.Ordinal), models.Keys.Order(StringComparer.Ordinal));
        var pages = models.Select(m => (Name: m.Key, Html: templates.Render(m.Key, m.Value).Html)).Append(("demo-index", DemoIndex(folder))).Append(("scorecard-page", await ScorecardPageAsync())).ToList();
        foreach (var (kind, html) in pages)
        {
            // A window cannot be narrower than about 500 px, so the email goes in a frame exactly `width` wide (srcdoc:
            // same origin, so the page can measure it) and reports its content's width into the DOM Chromium prints.
            var page = Path.Combine(folder, $"{kind}-{width}.html");
            File.WriteAllText(page, $$"""
                <!DOCTYPE html><html><body style="margin:0"><iframe id="f" style="width:{{width}}px;height:900px;border:0" srcdoc="{{System.Net.WebUtility.HtmlEncode(html)}}"></iframe>
                <script>f.onload = () => { const d = f.contentDocument.documentElement; document.body.setAttribute('data-width', d.scrollWidth + '/' + d.clientWidth); };</script></body></html>
                """);

            var dom = HeadlessChromium.Run(Path.Combine(folder, $"profile-{kind}-{width}"), $"--window-size={width + 100},1000", "--dump-dom", new Uri(page).AbsoluteUri);

            var measured = Regex.Match(dom, "data-width=\"(\\d+)/(\\d+)\"");
            Assert.True(measured.Success, $"{kind}: the page did not report its width");
            var (content, view) = (int.Parse(measured.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(measured.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(view >= width - 20, $"{kind}: the frame is {view} px, not about {width}");
            Assert.True(content <= view, $"{kind} is {content} px wide in {view} px: a reader has to scroll sideways");
            if (width == 1280)
            {
                // A picture of each as a desktop reader sees it, in out/emails/ for a person to look at.
                var screenshot = RepositoryRoot.Out(Path.Combine("emails", $"{kind}-1280.png"));
                Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
                File.WriteAllText(Path.Combine(folder, $"{kind}.html"), html);
                HeadlessChromium.Run(Path.Combine(folder, $"shot-{kind}"), "--window-size=1280,1600", $"--screenshot={screenshot}", new Uri(Path.Combine(folder, $"{kind}.html")).AbsoluteUri);
                Assert.True(new FileInfo(screenshot).Length > 10_000, $"{kind}: the screenshot has something on it");
            }
        }

        Directory.Delete(folder, recursive: true);
    }
}
