using System.Runtime.CompilerServices;
using CpAlerts.Application.Configuration;
using CpAlerts.Application.Delivery;
using CpAlerts.Application.Ports;
using CpAlerts.Application.Sweep;
using CpAlerts.Domain.Calendar;
using CpAlerts.Domain.Escalation;
using CpAlerts.Domain.Records;
using CpAlerts.Domain.Rules;
using Moq;
using NodaTime;

namespace CpAlerts.Functions.Tests;

/// <summary>
/// The weekly pass reads the council once, for the digests and the IHA request reports, and each report names the
/// children it is about; delivering a report reads those children alone, and says what a whole-council read would.
/// </summary>
public class WeeklyReadOnceTests
{
    private const string Council = "DEMO";
    private static readonly Instant Monday = LondonTime.ToInstant(new LocalDateTime(2026, 11, 30, 7, 0));

    private static readonly StaffMember[] Staff =
    [
        new("S1", "Sam Worker", "sam@council.example", StaffRole.SocialWorker, "TM1", "North"),
        new("S2", "Sol Worker", "sol@council.example", StaffRole.SocialWorker, "TM2", "South"),
        new("TM1", "Tess Manager", "tess@council.example", StaffRole.TeamManager, "H1", "North"),
        new("TM2", "Tom Manager", "tom@council.example", StaffRole.TeamManager, "H1", "South"),
        new("H1", "Hana Head", "hana@council.example", StaffRole.HeadOfService, null, null),
        new("HT1", "Health Team", "health@nhs.example", StaffRole.HealthTeam, null, null),
    ];

    private static ChildRecords Child(string id, LocalDate enteredCare, string worker) =>
        new(new Child(id, "Hotel", "Madeup", new LocalDate(2014, 3, 1), LegalStatus.CareOrder, false, "North", ConsentStatus.Given, enteredCare, null, worker), [], [], [], []);

    // In the window this week (C1, C2), only in the report's four weeks of history (C3: entered care eight weeks ago), never (C4).
    private static readonly ChildRecords[] Children =
    [
        Child("C1", new LocalDate(2026, 11, 23), "S1"),
        Child("C2", new LocalDate(2026, 11, 16), "S2"),
        Child("C3", new LocalDate(2026, 10, 5), "S1"),
        Child("C4", new LocalDate(2024, 1, 8), "S1"),
    ];

    private static async IAsyncEnumerable<ChildRecords> Stream(IEnumerable<ChildRecords> children, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var child in children)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return child;
            await Task.Yield();
        }
    }

    private static Mock<ICaseloadReader> Caseload()
    {
        var caseload = new Mock<ICaseloadReader>(MockBehavior.Strict);
        caseload.Setup(c => c.ReadStaffAsync(Council, It.IsAny<CancellationToken>())).ReturnsAsync(Staff);
        caseload.Setup(c => c.ReadChildrenAsync(Council, It.IsAny<CancellationToken>())).Returns(() => Stream(Children));
        caseload.Setup(c => c.ReadLastImportAsync(Council, It.IsAny<CancellationToken>())).ReturnsAsync((Instant?)null);
        foreach (var child in Children)
        {
            caseload.Setup(c => c.ReadChildRecordsAsync(Council, child.Child.ChildId, It.IsAny<CancellationToken>())).ReturnsAsync(child);
        }

        return caseload;
    }

    private static async Task<CouncilSweep.WeeklyMessages> WeeklyAsync(Mock<ICaseloadReader> caseload) =>
        await new CouncilSweep(caseload.Object, Mock.Of<IFindingStateStore>(MockBehavior.Strict), SweepSettings.Default("fallback@council.example"))
            .RunWeeklyAsync(Council, Monday);

    [Fact]
    public async Task The_weekly_pass_reads_the_council_once_and_each_report_names_the_children_in_its_rows_or_history()
    {
        var caseload = Caseload();

        var weekly = await WeeklyAsync(caseload);

        caseload.Verify(c => c.ReadChildrenAsync(Council, It.IsAny<CancellationToken>()), Times.Once);
        Assert.NotEmpty(weekly.Digests);
        var byReader = weekly.Reports.ToDictionary(r => r.Recipient.Key, r => r.ChildIds!.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(["C1", "C3"], byReader["TM1"]); // their team's: this week's and the history's, not the long-settled child
        Assert.Equal(["C2"], byReader["TM2"]);
        Assert.Equal(["C1", "C2", "C3"], byReader["H1"]);
        Assert.Equal(["C1", "C2", "C3"], byReader["HT1"]);
    }

    [Fact]
    public async Task Delivering_a_report_reads_only_its_children_and_says_what_reading_the_whole_council_would()
    {
        var weekly = await WeeklyAsync(Caseload());
        var settings = new DeliverySettings("cpalerts@council.example", "CpAlerts", "", [], "fallback@council.example", DeliverySettings.DefaultTemplatesFolder);
        foreach (var message in weekly.Reports)
        {
            var named = Caseload();
            named.Setup(c => c.ReadChildrenAsync(Council, It.IsAny<CancellationToken>())).Throws(new InvalidOperationException("a report delivery read the whole council"));
            var fromIds = await new EmailContent(named.Object, settings).IhaReportDataAsync(message, AlertPolicy.Default, WorkingCalendar.EnglandAndWales, default);
            var fromAll = await new EmailContent(Caseload().Object, settings).IhaReportDataAsync(message with { ChildIds = null }, AlertPolicy.Default, WorkingCalendar.EnglandAndWales, default);

            Assert.Equal(fromAll.Rows, fromIds.Rows);
            Assert.Equal(fromAll.Trend, fromIds.Trend);
            named.Verify(c => c.ReadChildRecordsAsync(Council, It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Exactly(message.ChildIds!.Count));
        }

        Assert.Contains(weekly.Reports, r => r.Audience == Audience.TeamManager);
    }
}
