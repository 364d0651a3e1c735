using CpAlerts.Domain.Calendar;
using CpAlerts.Domain.Escalation;
using CpAlerts.Domain.Notifications;
using CpAlerts.Domain.Recipients;
using CpAlerts.Domain.Records;
using CpAlerts.Domain.Rules;
using static CpAlerts.Domain.Tests.Records;

namespace CpAlerts.Domain.Tests;

/// <summary>What is sent to whom, and when: table tests on the policy alone (no storage).</summary>
public class NotificationPolicyTests
{
    private const string Fallback = "fallback@council.example";
    private static readonly NotificationPolicy Policy = new(AlertPolicy.Default, WorkingCalendar.EnglandAndWales);

    private static readonly StaffMember[] Staff =
    [
        new("S1", "Worker", "sw1@council.example", StaffRole.SocialWorker, "TM1", "A"),
        new("TM1", "Manager", "tm1@council.example", StaffRole.TeamManager, "HOS1", "A"),
        new("HOS1", "Head", "hos@council.example", StaffRole.HeadOfService, null, null),
        new("HT1", "Health", "health@nhs.example", StaffRole.HealthTeam, null, null),
        new("DA1", "Dental", "dental@nhs.example", StaffRole.DentalAdviser, null, null),
        new("IRO1", "Reviewer", "iro@council.example", StaffRole.Iro, null, null),
    ];

    private static RecipientRouting Routing(params StaffMember[] staff) => new(new StaffDirectory(staff.Length == 0 ? Staff : staff), Fallback);

    private static EscalationLevel[] Levels(string levels) =>
        levels.Length == 0 ? [] : [.. levels.Split(',').Select(l => (EscalationLevel)int.Parse(l, System.Globalization.CultureInfo.InvariantCulture))];

    [Theory]
    // rule, levels newly reached, audiences an escalation alert goes to (the social worker never: the digest)
    [InlineData(RuleId.IhaRequest, "0", "")]
    [InlineData(RuleId.IhaRequest, "1", "TeamManager")]
    [InlineData(RuleId.IhaRequest, "2", "HeadOfService")]
    [InlineData(RuleId.IhaRequest, "0,1,2", "TeamManager,HeadOfService")]                  // first seen already at level 2
    [InlineData(RuleId.IhaCompletion, "0", "HealthTeam")]
    [InlineData(RuleId.IhaCompletion, "0,1", "HealthTeam,TeamManager")]
    [InlineData(RuleId.DentalCheck, "2", "DentalAdviser")]
    [InlineData(RuleId.DentalCheck, "1,2", "TeamManager,DentalAdviser")]
    [InlineData(RuleId.PermanenceReview, "0", "Iro")]
    [InlineData(RuleId.ReturnInterview, "1", "TeamManager")]
    [InlineData(RuleId.DentalCheck, "", "")]                                               // nothing newly reached: nobody
    public void Escalation_alerts_go_to_the_audiences_the_new_levels_add_but_never_the_social_worker(RuleId rule, string levels, string audiences) =>
        Assert.Equal(audiences, string.Join(",", Policy.EscalationAudiences(rule, Levels(levels))));

    [Theory]
    // entered care, IHA requested, IHA completed, left care, as of, IHA request due (or "-")
    [InlineData("2026-11-20", null, null, null, "2026-11-20", "2026-12-18")]     // the day a child enters care
    [InlineData("2026-11-20", "2026-11-23", null, null, "2026-11-24", "2026-12-18")] // requested but not done: still the health team's to book
    [InlineData("2026-11-20", "2026-11-23", "2026-11-30", null, "2026-12-01", "-")] // done
    [InlineData("2026-11-20", null, null, null, "2026-12-18", "2026-12-18")]     // the deadline itself
    [InlineData("2026-11-20", null, null, null, "2026-12-19", "-")]              // past the deadline: the overdue IHA escalates instead
    [InlineData("2026-11-20", null, null, "2026-11-25", "2026-11-26", "-")]      // left care
    [InlineData("2026-11-30", null, null, null, "2026-11-23", "-")]              // entering care after the as-of date
    [InlineData("2026-12-23", null, null, null, "2026-12-23", "2027-01-25")]     // over Christmas and New Year bank holidays
    [InlineData("2024-02-28", null, null, null, "2024-02-29", "2024-03-27")]     // leap day
    public void The_health_team_is_asked_for_an_iha_while_it_is_not_done_and_not_yet_late(string entered, string? requested, string? completed, string? left, string asOf, string due)
    {
        var child = Child(entered, left);
        if (requested is not null || completed is not null)
        {
            child = child.WithIha(requested, completed);
        }

        var result = Policy.IhaRequestDue(child, AsOf(asOf));

        Assert.Equal(due, result is { } d ? d.ToString("yyyy-MM-dd", null) : "-");
    }

    [Fact]
    public void An_iha_done_in_an_earlier_care_episode_does_not_count()
    {
        var child = Child("2026-11-20").WithIha("2025-01-02", "2025-01-10");
        Assert.Equal(D("2026-12-18"), Policy.IhaRequestDue(child, AsOf("2026-11-23")));
    }

    [Fact]
    public void The_iha_request_goes_to_the_health_team_and_to_the_fallback_mailbox_when_there_is_none()
    {
        var child = Child("2026-11-20");
        Assert.Equal(["HT1"], NotificationPolicy.IhaRequestAddressees(child, Routing()).Select(a => a.StaffId));

        var nobody = NotificationPolicy.IhaRequestAddressees(child, Routing(Staff[0], Staff[1], Staff[2]));
        Assert.Equal(Audience.HealthTeam, Assert.Single(nobody).StandingInFor?.Audience);
    }

    [Fact]
    public void The_digest_goes_to_the_childs_social_worker_with_every_finding_and_nobody_gets_one_about_nothing()
    {
        var child = Child("2026-09-01");
        var findings = RulesEngine.Standard.Evaluate(child, AsOf("2026-11-23")).ToList();

        var notices = NotificationPolicy.DigestNotices(child, findings, Routing());

        Assert.NotEmpty(findings);
        Assert.All(notices, n => Assert.Equal(("S1", Audience.SocialWorker), (n.Addressee.StaffId, n.Addressee.Audience)));
        Assert.Equal(findings.Count, notices.Count);
        Assert.Empty(NotificationPolicy.DigestNotices(child, [], Routing()));
    }

    [Fact]
    public void One_email_per_recipient_most_urgent_first_each_notice_once()
    {
        var routing = Routing();
        var late = Child("2026-09-01", id: "C1");          // IHA request and completion long overdue
        var soon = Child("2026-11-20", id: "C2");          // due soon
        var asOf = AsOf("2026-11-23");
        var notices = new[] { late, soon }
            .SelectMany(c => RulesEngine.Standard.Evaluate(c, asOf).SelectMany(f => Policy.Escalations(c, f, [f.Level], routing)))
            .ToList();

        var emails = NotificationPolicy.ByRecipient([.. notices, .. notices]); // the same notices twice: each once

        Assert.Equal(emails.Select(e => e.StaffId).Distinct().Count(), emails.Count);
        Assert.Equal(notices.Distinct().Count(), emails.Sum(e => e.Notices.Count));
        foreach (var email in emails)
        {
            var order = email.Notices.Select(n => n.Finding).ToList();
            Assert.Equal(order.OrderBy(f => f, Finding.UrgencyOrder).ThenBy(f => f.Key, StringComparer.Ordinal), order);
        }

        Assert.DoesNotContain(emails, e => e.StaffId == "S1"); // escalations never go to the social worker
    }

    [Fact]
    public void Notices_nobody_can_be_found_for_go_to_the_fallback_mailbox_in_one_email()
    {
        var child = ChildRecords.Of(new Child("C9", "Test", "Child", D("2015-01-01"), LegalStatus.CareOrder, false, "North", ConsentStatus.Given, D("2024-01-01"), null, null));
        var routing = Routing(Staff[3], Staff[4]); // no social worker, manager or head of service on record
        var notices = RulesEngine.Standard.Evaluate(child, AsOf("2026-11-23"))
            .SelectMany(f => Policy.Escalations(child, f, [EscalationLevel.DueSoon, EscalationLevel.Overdue, EscalationLevel.Escalated], routing));

        var fallback = Assert.Single(NotificationPolicy.ByRecipient(notices), e => e.StaffId is null);

        Assert.All(fallback.Notices, n => Assert.NotNull(n.Addressee.StandingInFor));
    }

    [Theory]
    // rule, levels newly reached, does the social worker get a same-day alert?
    [InlineData(RuleId.ReturnInterview, "0", true)]   // 72 hours: the digest would be too late
    [InlineData(RuleId.ReturnInterview, "1", true)]   // and again when overdue
    [InlineData(RuleId.IhaRequest, "0,1", true)]      // 5 working days
    [InlineData(RuleId.IhaRequest, "", false)]        // nothing newly reached: nothing today
    [InlineData(RuleId.ReturnInterview, "2", false)]  // level 2 tells the head of service; the worker was told at 0 and 1
    [InlineData(RuleId.DentalCheck, "1", false)]      // long timescales wait for the digest
    [InlineData(RuleId.IhaCompletion, "0", false)]
    [InlineData(RuleId.ReviewHealthAssessment, "2", false)]
    public void Short_timescales_reach_the_social_worker_the_same_day(RuleId rule, string levels, bool alerted)
    {
        var child = Child("2026-09-01");
        var finding = new Finding(rule, "C1", "C1", D("2026-11-20"), null, FindingStatus.Overdue, 3, EscalationLevel.Overdue, []);

        var notices = Policy.SameDayAlerts(child, finding, Levels(levels), Routing());

        Assert.Equal(alerted ? ["S1"] : [], notices.Select(n => n.Addressee.StaffId));
    }

    [Theory]
    // rule, the finding's level now, is it alerted on the council's first sweep?
    [InlineData(RuleId.ReturnInterview, EscalationLevel.DueSoon, true)]   // still achievable: tell the worker today
    [InlineData(RuleId.ReturnInterview, EscalationLevel.Overdue, false)]  // missed before CpAlerts started: the baseline and digest say so
    [InlineData(RuleId.IhaRequest, EscalationLevel.Escalated, false)]
    public void A_first_sweep_alerts_what_is_due_soon_not_what_was_missed_before_it(RuleId rule, EscalationLevel level, bool alerted)
    {
        var status = level == EscalationLevel.DueSoon ? FindingStatus.DueSoon : FindingStatus.Overdue;
        var finding = new Finding(rule, "C1", "C1", D("2026-11-20"), null, status, level == EscalationLevel.DueSoon ? 0 : 3, level, []);

        var notices = Policy.SameDayAlerts(Child("2026-09-01"), finding, LevelsUpTo(level), Routing(), firstSweep: true);

        Assert.Equal(alerted, notices.Count > 0);
    }

    private static EscalationLevel[] LevelsUpTo(EscalationLevel level) => [.. Enum.GetValues<EscalationLevel>().Where(l => l <= level)];

    [Theory]
    // rule, date, does telling anyone wait for the next working day?
    [InlineData(RuleId.DentalCheck, "2026-12-28", true)]      // bank holiday Monday (Boxing Day substitute)
    [InlineData(RuleId.DentalCheck, "2026-12-29", false)]     // the next working day
    [InlineData(RuleId.PermanenceReview, "2026-11-28", true)] // a Saturday
    [InlineData(RuleId.IhaCompletion, "2026-11-30", false)]   // a Monday
    [InlineData(RuleId.ReturnInterview, "2026-12-28", false)] // 72 hours cannot wait
    [InlineData(RuleId.IhaRequest, "2026-12-25", false)]      // nor can 5 working days, even on Christmas Day
    public void Non_urgent_news_waits_for_a_working_day_and_urgent_news_does_not(RuleId rule, string date, bool waits)
        => Assert.Equal(waits, Policy.WaitsForWorkingDay(rule, D(date)));

    [Fact]
    public void A_council_can_turn_a_same_day_alert_off_or_on_per_rule()
    {
        var policy = AlertPolicy.Default with
        {
            Escalations = AlertPolicy.Default.Escalations
                .SetItem(RuleId.ReturnInterview, AlertPolicy.Default.EscalationFor(RuleId.ReturnInterview) with { SameDayAlert = false })
                .SetItem(RuleId.DentalCheck, AlertPolicy.Default.EscalationFor(RuleId.DentalCheck) with { SameDayAlert = true }),
        };
        var custom = new NotificationPolicy(policy, WorkingCalendar.EnglandAndWales);
        var child = Child("2026-09-01");
        Finding Late(RuleId rule) => new(rule, "C1", "C1", D("2026-11-20"), null, FindingStatus.Overdue, 3, EscalationLevel.Overdue, []);

        Assert.Empty(custom.SameDayAlerts(child, Late(RuleId.ReturnInterview), [EscalationLevel.Overdue], Routing()));
        Assert.Single(custom.SameDayAlerts(child, Late(RuleId.DentalCheck), [EscalationLevel.Overdue], Routing()));
    }

    [Fact]
    public void The_digest_puts_what_can_still_be_done_this_week_first()
    {
        var asOf = D("2026-11-23");
        Finding F(string child, RuleId rule, string due, FindingStatus status, int days, EscalationLevel level) =>
            new(rule, child, child, D(due), null, status, days, level, []);
        var worker = new Addressee("sw1@council.example", "S1", Audience.SocialWorker);
        var dentalYearLate = F("C1", RuleId.DentalCheck, "2025-11-01", FindingStatus.Overdue, 387, EscalationLevel.Escalated);
        var dentalMonthLate = F("C2", RuleId.DentalCheck, "2026-10-20", FindingStatus.Overdue, 34, EscalationLevel.Overdue);
        var rhiDueWednesday = F("C3", RuleId.ReturnInterview, "2026-11-25", FindingStatus.DueSoon, 0, EscalationLevel.DueSoon);
        var ihaThreeDaysLate = F("C4", RuleId.IhaRequest, "2026-11-20", FindingStatus.Overdue, 3, EscalationLevel.Overdue);
        var permanenceInTwoWeeks = F("C5", RuleId.PermanenceReview, "2026-12-05", FindingStatus.DueSoon, 0, EscalationLevel.DueSoon);

        var ordered = NotificationPolicy.ThisWeekFirst(
            [.. new[] { dentalYearLate, permanenceInTwoWeeks, dentalMonthLate, rhiDueWednesday, ihaThreeDaysLate }.Select(f => new Notice(f, worker))], asOf);

        // This week (overdue by at most 7, or due within 7), most urgent first; then the rest, most urgent first.
        Assert.Equal(["C4", "C3", "C1", "C2", "C5"], ordered.Select(n => n.Finding.ChildId));
    }

    [Fact]
    public void Two_health_teams_get_an_email_each_and_the_fallback_mailbox_stays_apart()
    {
        var host = new Addressee("cheshire.lac@nhs.example", null, Audience.HealthTeam) { HealthTeamIcb = "QYG" };
        var own = new Addressee("health@nhs.example", "HT1", Audience.HealthTeam);
        var fallback = new Addressee(Fallback, null, Audience.HealthTeam, new Unresolved(Audience.HealthTeam, "none"));
        Finding F(string child) => new(RuleId.IhaCompletion, child, child, D("2026-12-01"), null, FindingStatus.DueSoon, 0, EscalationLevel.DueSoon, []);

        var emails = NotificationPolicy.ByRecipient([new Notice(F("C1"), host), new Notice(F("C2"), own), new Notice(F("C3"), fallback), new Notice(F("C4"), host)]);

        Assert.Equal(["-/-:C3", "-/QYG:C1,C4", "HT1/-:C2"], emails.Select(e => $"{e.StaffId ?? "-"}/{e.HealthTeamIcb ?? "-"}:{string.Join(",", e.Notices.Select(n => n.Finding.ChildId))}"));
    }

    [Theory]
    // last dental check, is the dental finding on Monday 23 November new since last week's digest?
    [InlineData("2025-12-01", true)]  // due in 8 days: a week ago it was 15 days away, outside "due soon"
    [InlineData("2025-11-27", false)] // due in 4 days: already due soon last week
    [InlineData("2025-11-20", false)] // 3 days overdue: last week it was due soon, the same item
    [InlineData("2025-10-01", false)] // long overdue
    public void A_digest_item_is_new_when_last_weeks_digest_did_not_have_it(string lastCheck, bool isNew)
    {
        var child = Child("2024-01-01").WithDental(lastCheck);
        var context = AsOf("2026-11-23");
        var dental = RulesEngine.Standard.Evaluate(child, context).Single(f => f.Rule == RuleId.DentalCheck);

        Assert.Equal(isNew, Policy.NewSinceLastWeek(child, [dental], context).Contains(dental.Key));
    }

    [Fact]
    public void A_child_who_entered_care_this_week_is_all_new()
    {
        var child = Child("2026-11-20");
        var context = AsOf("2026-11-23");
        var findings = RulesEngine.Standard.Evaluate(child, context).ToList();

        Assert.NotEmpty(findings);
        Assert.Equal(findings.Select(f => f.Key).Order(), Policy.NewSinceLastWeek(child, findings, context).Order());
    }

    [Fact]
    public void Among_items_due_soon_the_nearest_due_date_comes_first()
    {
        var worker = new Addressee("tm1@council.example", "TM1", Audience.TeamManager);
        Finding F(string child, string due) => new(RuleId.PermanenceReview, child, child, D(due), null, FindingStatus.DueSoon, 0, EscalationLevel.DueSoon, []);

        var email = Assert.Single(NotificationPolicy.ByRecipient([new Notice(F("C1", "2026-12-05"), worker), new Notice(F("C2", "2026-11-26"), worker)]));

        Assert.Equal(["C2", "C1"], email.Notices.Select(n => n.Finding.ChildId)); // due in 3 days before due in 12, whatever the reference
    }

    [Fact]
    public void After_a_bank_holiday_monday_new_means_since_the_digest_eight_days_before()
    {
        // Tuesday 29 December's digest (Monday 28th is a bank holiday) follows Monday 21st's. A dental check due
        // 5 January became due soon (14 days) on Tuesday 22nd: after Monday's digest, so it is new on the 29th.
        var child = Child("2024-01-01").WithDental("2026-01-05");
        var context = AsOf("2026-12-29T07:00:00Z");
        var dental = RulesEngine.Standard.Evaluate(child, context).Single(f => f.Rule == RuleId.DentalCheck);

        Assert.Contains(dental.Key, Policy.NewSinceLastWeek(child, [dental], context, I("2026-12-21T07:00:00Z")));
        Assert.DoesNotContain(dental.Key, Policy.NewSinceLastWeek(child, [dental], context)); // a plain 7 days back would miss it
    }
}

/// <summary>An IHA request is urgent when the assessment is due within two working days (weekends and bank holidays not counted).</summary>
public class IhaRequestUrgencyTests
{
    private static readonly NotificationPolicy Policy = new(Rules.AlertPolicy.Default, Calendar.WorkingCalendar.EnglandAndWales);

    [Theory]
    [InlineData("2026-12-14", "2026-12-16", true)]   // Mon → Wed: 2 working days
    [InlineData("2026-12-14", "2026-12-17", false)]  // Mon → Thu: 3
    [InlineData("2026-12-11", "2026-12-15", true)]   // Fri → Tue: the weekend does not count
    [InlineData("2026-12-23", "2026-12-29", true)]   // Wed → Tue: Christmas and Boxing Day (Mon 28 Dec substitute) do not count
    [InlineData("2026-12-23", "2026-12-30", false)]  // Wed → Wed: 3 working days (24th, 29th, 30th)
    [InlineData("2026-12-18", "2026-12-18", true)]   // due today
    [InlineData("2026-12-18", "2026-12-10", true)]   // already past
    [InlineData("2026-11-23", "2026-12-18", false)]  // a request on time: 19 working days to go
    public void Due_within_two_working_days_is_urgent(string today, string due, bool urgent) =>
        Assert.Equal(urgent, Policy.IhaRequestIsUrgent(NodaTime.Text.LocalDatePattern.Iso.Parse(today).Value, NodaTime.Text.LocalDatePattern.Iso.Parse(due).Value));
}
