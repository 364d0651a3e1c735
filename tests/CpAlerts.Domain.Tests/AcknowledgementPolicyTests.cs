using System.Collections.Immutable;
using CpAlerts.Domain.Acknowledgements;
using CpAlerts.Domain.Calendar;
using CpAlerts.Domain.Escalation;
using CpAlerts.Domain.Notifications;
using CpAlerts.Domain.Recipients;
using CpAlerts.Domain.Records;
using CpAlerts.Domain.Rules;
using static CpAlerts.Domain.Tests.Records;

namespace CpAlerts.Domain.Tests;

/// <summary>"In hand until": what it holds, when it lapses, how long it may last, and whose children it may be said of.</summary>
public class AcknowledgementPolicyTests
{
    private static readonly NotificationPolicy Policy = new(AlertPolicy.Default, WorkingCalendar.EnglandAndWales);

    private static Finding Iha(EscalationLevel level, string due = "2026-11-20") =>
        new(RuleId.IhaCompletion, "C1", "C1", D(due), null, level == EscalationLevel.DueSoon ? FindingStatus.DueSoon : FindingStatus.Overdue,
            level == EscalationLevel.DueSoon ? 0 : 5, level, ImmutableArray<Audience>.Empty);

    private static Acknowledgement Ack(Finding finding, EscalationLevel atLevel, string until) =>
        new(finding.Key, finding.Rule, "C1", "C1", atLevel, AcknowledgementReason.AppointmentBooked, null, D(until), "S1", I("2026-11-23T10:00:00Z"));

    [Theory]
    // finding level now, acknowledged at, until, today → held?
    [InlineData(2, 1, "2026-12-08", "2026-12-01", true)]   // escalated while in hand: head of service not told
    [InlineData(2, 1, "2026-12-08", "2026-12-08", true)]   // the last day in hand is still held
    [InlineData(2, 1, "2026-12-08", "2026-12-09", false)]  // the morning after: escalates
    [InlineData(1, 1, "2026-12-08", "2026-12-01", false)]  // no higher level to hold (already told at level 1)
    [InlineData(1, 0, "2026-12-08", "2026-12-01", true)]   // acknowledged while due soon: the overdue escalation is held
    [InlineData(2, 2, "2026-12-08", "2026-12-01", false)]  // acknowledged at the top: nothing left to hold
    [InlineData(2, 1, "2027-01-01", "2026-12-31", true)]   // across a year end
    public void Escalation_above_the_acknowledged_level_is_held_until_the_date_passes(int level, int atLevel, string until, string today, bool held)
    {
        var finding = Iha((EscalationLevel)level);
        Assert.Equal(held, NotificationPolicy.Holds(finding, Ack(finding, (EscalationLevel)atLevel, until), D(today)));
    }

    [Fact]
    public void An_acknowledgement_of_another_due_date_holds_nothing()
    {
        var old = Iha(EscalationLevel.Overdue, "2026-11-20");
        var renewed = Iha(EscalationLevel.Escalated, "2026-11-27"); // a new due date is a new finding
        Assert.Equal(InHandState.None, NotificationPolicy.InHand(renewed, Ack(old, EscalationLevel.Overdue, "2026-12-08"), D("2026-12-01")));
        Assert.False(NotificationPolicy.Holds(renewed, Ack(old, EscalationLevel.Overdue, "2026-12-08"), D("2026-12-01")));
        Assert.False(NotificationPolicy.Holds(renewed, null, D("2026-12-01")));
    }

    [Theory]
    [InlineData("2026-12-08", "2026-12-08", InHandState.InHand)]
    [InlineData("2026-12-08", "2026-12-09", InHandState.Lapsed)]
    [InlineData("2026-12-08", "2026-12-01", InHandState.InHand)]
    public void In_hand_then_lapsed(string until, string today, InHandState state)
    {
        var finding = Iha(EscalationLevel.Escalated);
        Assert.Equal(state, NotificationPolicy.InHand(finding, Ack(finding, EscalationLevel.Overdue, until), D(today)));
    }

    [Theory]
    // rule, today → the latest in-hand date: the rule's level-2 threshold in days (RULES.md defaults)
    [InlineData(RuleId.IhaCompletion, "2026-12-01", "2026-12-11")]    // 10 days
    [InlineData(RuleId.IhaRequest, "2026-12-01", "2026-12-06")]       // 5
    [InlineData(RuleId.ReturnInterview, "2026-12-30", "2027-01-02")]  // 3, across the year end
    [InlineData(RuleId.DentalCheck, "2028-01-15", "2028-03-15")]      // 60, through a leap day
    [InlineData(RuleId.PermanenceReview, "2027-02-01", "2027-03-01")] // 28, February
    public void Nothing_is_held_for_longer_than_the_rules_level_2_threshold(RuleId rule, string today, string latest) =>
        Assert.Equal(D(latest), Policy.LatestInHandUntil(rule, D(today)));

    [Theory]
    [InlineData("2026-12-01", AcknowledgementReason.AppointmentBooked, null, null)]
    [InlineData("2026-12-11", AcknowledgementReason.ConsentAwaited, null, null)]
    [InlineData("2026-12-12", AcknowledgementReason.ConsentAwaited, null, "at most 10 days from when it was first said to be (initial health assessment): choose Fri 11 Dec 2026 or earlier")]
    [InlineData("2026-11-30", AcknowledgementReason.ChildDeclined, null, "has passed")]
    [InlineData("2026-12-04", AcknowledgementReason.Other, " ", "in a few words")]
    [InlineData("2026-12-04", AcknowledgementReason.Other, "Carer ill, rebooking", null)]
    public void What_may_be_recorded(string until, AcknowledgementReason reason, string? other, string? problem)
    {
        var found = Policy.AcknowledgementProblem(RuleId.IhaCompletion, reason, other, D(until), D("2026-12-01"));
        if (problem is null)
        {
            Assert.Null(found);
        }
        else
        {
            Assert.Contains(problem, found, StringComparison.Ordinal);
        }
    }

    [Theory]
    // first said on, today, until → problem: saying it again never holds it past the first day + threshold (10 days here)
    [InlineData("2026-11-28", "2026-12-01", "2026-12-08", null)]
    [InlineData("2026-11-28", "2026-12-01", "2026-12-09", "choose Tue 8 Dec 2026 or earlier")]
    [InlineData("2026-11-21", "2026-12-01", "2026-12-01", null)]                          // the last day allowed
    [InlineData("2026-11-20", "2026-12-01", "2026-12-01", "it cannot be held any longer")] // used up
    [InlineData("2026-12-05", "2026-12-01", "2026-12-11", null)]                          // a date after today counts as today
    public void Saying_it_again_never_holds_it_longer(string firstSaidOn, string today, string until, string? problem)
    {
        var found = Policy.AcknowledgementProblem(RuleId.IhaCompletion, AcknowledgementReason.AppointmentBooked, null, D(until), D(today), D(firstSaidOn));
        if (problem is null)
        {
            Assert.Null(found);
        }
        else
        {
            Assert.Contains(problem, found, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Reason_codes_read_back_as_themselves_and_nothing_else_reads()
    {
        Assert.All(Enum.GetValues<AcknowledgementReason>(), r => Assert.True(AcknowledgementReasons.TryParse(r.Code(), out var back) && back == r));
        Assert.False(AcknowledgementReasons.TryParse("Appointment booked", out _));
        Assert.False(AcknowledgementReasons.TryParse(null, out _));
    }

    private static readonly StaffMember[] Staff =
    [
        new("S1", "Worker One", "s1@council.example", StaffRole.SocialWorker, "TM1", "A"),
        new("S2", "Worker Two", "s2@council.example", StaffRole.SocialWorker, "TM2", "B"),
        new("TM1", "Manager A", "tm1@council.example", StaffRole.TeamManager, "HOS1", "A"),
        new("TM2", "Manager B", "tm2@council.example", StaffRole.TeamManager, "HOS1", "B"),
        new("HOS1", "Head", "hos@council.example", StaffRole.HeadOfService, null, null),
        new("IRO1", "Reviewer", "iro@council.example", StaffRole.Iro, null, null),
    ];

    [Theory]
    // who, the child's social worker → covered?
    [InlineData("S1", "S1", true)]
    [InlineData("S1", "S2", false)]    // another worker's child
    [InlineData("S1", null, false)]
    [InlineData("TM1", "S1", true)]    // their team
    [InlineData("TM1", "S2", false)]   // another team
    [InlineData("TM1", "TM1", true)]   // allocated to the manager
    [InlineData("TM1", null, false)]
    [InlineData("HOS1", "S2", true)]   // every team
    [InlineData("HOS1", null, true)]
    public void Whose_children_each_role_may_act_on(string me, string? worker, bool covered)
    {
        var staff = new StaffDirectory(Staff);
        var scope = TeamScope.For(staff.Find(me)!)!;
        var child = Child("2026-01-05").Child with { SocialWorkerId = worker };
        Assert.Equal(covered, scope.Covers(child, staff));
    }

    [Fact]
    public void Specialists_have_no_team_view() =>
        Assert.Null(TeamScope.For(Staff.Single(s => s.StaffId == "IRO1")));

    [Theory]
    [InlineData("dentist booked, date to follow", false)]
    [InlineData("waiting for the 2nd appointment letter", false)]
    [InlineData("call mum on 07700 900123", true)]
    [InlineData("carer: +44 (0)161 496 0000", true)]
    [InlineData("ask jo.bloggs@example.org", true)]
    [InlineData("review on 2026-12-09", false)] // a date is not a phone number
    [InlineData("booked 14.01.2026 10:30", false)]
    [InlineData("booked 2026-01-14 10.30", false)]
    [InlineData("away 12.01.2026 - 19.01.2026", false)]
    [InlineData("appt@9.30 at the clinic", false)]
    public void An_other_reason_may_not_carry_a_phone_number_or_email_address(string words, bool refused)
    {
        var problem = Policy.AcknowledgementProblem(RuleId.IhaCompletion, AcknowledgementReason.Other, words, D("2026-12-02"), D("2026-12-01"));
        Assert.Equal(refused, problem?.Contains("Leave out phone numbers", StringComparison.Ordinal) ?? false);
    }

    [Theory]
    [InlineData("dentist \u202Ebooked", "dentist booked")]          // a right-to-left override, stored and shown, would reverse what follows
    [InlineData("\u2066note\u2069 here\u200F", "note here")]       // isolates and marks
    [InlineData("line one\r\nBcc: x", "line oneBcc: x")]             // control characters
    [InlineData("  plain words  ", "plain words")]
    public void Reason_text_loses_invisible_direction_and_control_characters(string typed, string kept)
    {
        Assert.Equal(kept, PlainText.Clean(typed));
        Assert.False(PlainText.HasHiddenCharacters(PlainText.Clean(typed)));
        Assert.Equal(typed.Trim() != kept, PlainText.HasHiddenCharacters(typed));
    }
}
