using CpAlerts.Domain.Calendar;
using CpAlerts.Domain.Escalation;
using CpAlerts.Domain.Recipients;
using CpAlerts.Domain.Records;
using CpAlerts.Domain.Reports;
using CpAlerts.Domain.Rules;
using static CpAlerts.Domain.Tests.Records;

namespace CpAlerts.Domain.Tests;

/// <summary>The weekly IHA request report: who is on it, how their request stands, who reads which part.</summary>
public class IhaRequestReportTests
{
    private static readonly IhaRequestReport Report = new(AlertPolicy.Default, WorkingCalendar.EnglandAndWales);

    // Entered care Monday 2 November 2026: the request is due 9 November (5 working days), the IHA 30 November (20).
    private static ChildRecords Entered(string id = "C1", LegalStatus legal = LegalStatus.CareOrder, ConsentStatus? consent = ConsentStatus.Given, bool uasc = false, string worker = "S1") =>
        ChildRecords.Of(new Child(id, "Test", "Child", D("2015-01-01"), legal, uasc, "North", consent, D("2026-11-02"), null, worker));

    [Theory]
    // as of, on the report?, working days to the request deadline, to the IHA deadline
    [InlineData("2026-11-02", true, 5, 20)]    // the day the child enters care
    [InlineData("2026-11-03", true, 4, 19)]    // working day 1
    [InlineData("2026-11-30", true, -15, 0)]   // the IHA deadline itself
    [InlineData("2026-12-07", true, -20, -5)]  // one week past it: still on, so nobody loses sight of it
    [InlineData("2026-12-08", false, 0, 0)]    // more than a week past: the overdue IHA escalates instead
    [InlineData("2026-11-01", false, 0, 0)]    // before entering care
    public void The_window_runs_from_entering_care_to_a_week_after_the_iha_deadline(string asOf, bool onReport, int toRequest, int toIha)
    {
        var row = Report.Row(Entered(), D(asOf));

        Assert.Equal(onReport, row is not null);
        if (row is not null)
        {
            Assert.Equal((D("2026-11-09"), D("2026-11-30")), (row.RequestDeadline, row.IhaDeadline));
            Assert.Equal((toRequest, toIha), (row.WorkingDaysToRequestDeadline, row.WorkingDaysToIhaDeadline));
        }
    }

    [Theory]
    // requested, completed, state on 23 November (or "-": off the report)
    [InlineData(null, null, "NotYetRequested")]
    [InlineData("2026-11-09", null, "RequestedOnTime")]   // on the request deadline
    [InlineData("2026-11-10", null, "RequestedLate")]
    [InlineData("2026-11-24", null, "NotYetRequested")]   // recorded after the as-of date: not known yet
    [InlineData("2026-11-06", "2026-11-20", "-")]         // done: off the report
    [InlineData("2025-01-02", null, "NotYetRequested")]   // a request from an earlier care episode does not count
    public void The_request_is_on_time_late_or_not_yet(string? requested, string? completed, string state)
    {
        var child = requested is null && completed is null ? Entered() : Entered().WithIha(requested, completed);

        Assert.Equal(state, Report.Row(child, D("2026-11-23"))?.State.ToString() ?? "-");
    }

    [Theory]
    [InlineData(LegalStatus.S20, ConsentStatus.Pending, false, true, false)]   // section 20, no consent: it must come from the parents
    [InlineData(LegalStatus.S20, null, false, true, false)]
    [InlineData(LegalStatus.S20, ConsentStatus.Given, false, false, false)]
    [InlineData(LegalStatus.CareOrder, ConsentStatus.Pending, false, false, false)] // the council shares parental responsibility
    [InlineData(LegalStatus.CareOrder, ConsentStatus.Given, true, false, true)]     // unaccompanied: documents may be limited
    public void The_children_the_report_exists_for_are_marked(LegalStatus legal, ConsentStatus? consent, bool uasc, bool parents, bool documents)
    {
        var row = Report.Row(Entered(legal: legal, consent: consent, uasc: uasc), D("2026-11-05"))!;

        Assert.Equal((parents, documents), (row.ConsentNeededFromParents, row.DocumentsMayBeLimited));
    }

    [Fact]
    public void Not_yet_requested_comes_first_then_the_nearest_deadline_and_the_counts_add_up()
    {
        var early = Entered("C1").WithIha("2026-11-04", null);                       // on time
        var late = Entered("C2").WithIha("2026-11-12", null);                        // late
        var waiting = Entered("C3");                                                  // not yet
        var later = ChildRecords.Of(Entered("C4").Child with { EnteredCare = D("2026-11-16") });

        var rows = Report.Rows([early, late, waiting, later], D("2026-11-23"));

        Assert.Equal(["C3", "C4", "C1", "C2"], rows.Select(r => r.ChildId));
        Assert.Equal(new IhaReportCounts(D("2026-11-23"), 4, 1, 1, 2), IhaReportCounts.Of(D("2026-11-23"), rows));
    }

    [Fact]
    public void The_trend_shows_this_week_and_the_four_before()
    {
        var trend = Report.Trend([Entered("C1").WithIha("2026-11-04", null)], D("2026-11-23"));

        // 26 Oct: not yet in care; 2 Nov: entered that day, not requested; 9, 16, 23 Nov: requested on time.
        Assert.Equal(["2026-10-26:0/0/0/0", "2026-11-02:1/0/0/1", "2026-11-09:1/1/0/0", "2026-11-16:1/1/0/0", "2026-11-23:1/1/0/0"],
            trend.Select(c => $"{c.AsOf:yyyy-MM-dd}:{c.InWindow}/{c.RequestedOnTime}/{c.RequestedLate}/{c.NotYetRequested}"));
    }

    private static readonly StaffMember[] Staff =
    [
        new("S1", "Worker One", "sw1@council.example", StaffRole.SocialWorker, "TM1", "A"),
        new("S2", "Worker Two", "sw2@council.example", StaffRole.SocialWorker, "TM2", "B"),
        new("TM1", "Manager One", "tm1@council.example", StaffRole.TeamManager, "HOS1", "A"),
        new("TM2", "Manager Two", "tm2@council.example", StaffRole.TeamManager, "HOS1", "B"),
        new("TM3", "Manager Three", "tm3@council.example", StaffRole.TeamManager, "HOS1", "C"),
        new("HOS1", "Head", "hos@council.example", StaffRole.HeadOfService, null, null),
        new("HT1", "Health", "health@nhs.example", StaffRole.HealthTeam, null, null),
    ];

    [Fact]
    public void Each_team_manager_reads_their_teams_children_and_the_health_team_and_head_of_service_read_every_child()
    {
        var routing = new RecipientRouting(new StaffDirectory(Staff), "fallback@council.example");
        ChildRecords[] children = [Entered("C1", worker: "S1"), Entered("C2", worker: "S2"), Entered("C3", worker: "S1")];
        var rows = Report.Rows(children, D("2026-11-05"));

        var readers = IhaRequestReport.Readers(rows, routing);

        // TM3's team has nobody in the window: no report for TM3.
        Assert.Equal(["TM1:C1,C3", "TM2:C2", "HT1:C1,C2,C3", "HOS1:C1,C2,C3"],
            readers.Select(r => $"{r.StaffId}:{string.Join(",", IhaRequestReport.For(r, children, routing.Staff).Select(x => x.Child.ChildId).Order())}"));
        Assert.Empty(IhaRequestReport.Readers([], routing)); // no report when the window is empty
    }

    [Fact]
    public void Without_a_health_team_or_head_of_service_the_fallback_mailbox_reads_every_child()
    {
        var routing = new RecipientRouting(new StaffDirectory(Staff.Take(2)), "fallback@council.example");

        var readers = IhaRequestReport.Readers(Report.Rows([Entered()], D("2026-11-05")), routing);

        Assert.Equal([new IhaReportReader(null, null, Audience.HealthTeam)], readers);
    }
}
