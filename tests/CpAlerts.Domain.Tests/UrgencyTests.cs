using System.Collections.Immutable;
using CpAlerts.Domain.Escalation;
using CpAlerts.Domain.Notifications;
using CpAlerts.Domain.Recipients;
using CpAlerts.Domain.Rules;
using CsCheck;
using static CpAlerts.Domain.Tests.Records;

namespace CpAlerts.Domain.Tests;

/// <summary>"Most urgent first" as domain policy: level, then the timescale's priority, then days overdue, then the due date.</summary>
public class UrgencyTests
{
    private static Finding F(RuleId rule, string child, int daysOverdue, EscalationLevel level, string due = "2026-11-01") =>
        new(rule, child, child, D(due), null, level == EscalationLevel.DueSoon ? FindingStatus.DueSoon : FindingStatus.Overdue, daysOverdue, level, ImmutableArray<Audience>.Empty);

    private static string Codes(IEnumerable<Finding> findings) => string.Join(" ", findings.Select(f => $"{f.Rule.Code()}:{f.ChildId}"));

    [Fact]
    public void A_go_live_list_leads_with_the_escalated_iha_of_a_child_new_to_care_not_year_old_dental_checks()
    {
        // Issue 30's team manager: ten dental checks 268–372 days overdue came before an IHA 16 days overdue and its request.
        var dental = Enumerable.Range(0, 10).Select(i => F(RuleId.DentalCheck, $"D{i}", 268 + (i * 10), EscalationLevel.Escalated));
        var iha = F(RuleId.IhaCompletion, "N1", 16, EscalationLevel.Escalated);
        var request = F(RuleId.IhaRequest, "N1", 21, EscalationLevel.Escalated);

        var ordered = dental.Append(iha).Append(request).Order(Urgency.Default.Order).ToList();

        Assert.Equal("IHA_REQUEST:N1 IHA_COMPLETION:N1 DENTAL_CHECK:D9", Codes(ordered.Take(3)));
    }

    [Theory]
    // a, b → which comes first
    [InlineData("DENTAL_CHECK:2:300", "IHA_COMPLETION:1:5", "DENTAL_CHECK")]        // the level first: escalated before overdue
    [InlineData("DENTAL_CHECK:2:300", "RETURN_INTERVIEW:2:3", "RETURN_INTERVIEW")]  // a return home interview first at the same level
    [InlineData("PERMANENCE_REVIEW:2:30", "REVIEW_HEALTH_ASSESSMENT:2:29", "REVIEW_HEALTH_ASSESSMENT")]
    [InlineData("IHA_COMPLETION:0:0", "DENTAL_CHECK:0:0", "IHA_COMPLETION")]        // due soon too
    public void Level_then_timescale(string a, string b, string first)
    {
        static Finding Parse(string s, string child)
        {
            var p = s.Split(':');
            return F(RuleIds.TryParse(p[0], out var rule) ? rule : throw new ArgumentException(p[0]), child, int.Parse(p[2], System.Globalization.CultureInfo.InvariantCulture), (EscalationLevel)int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
        }

        var (fa, fb) = (Parse(a, "A"), Parse(b, "B"));
        Assert.Equal(first, new[] { fa, fb }.Order(Urgency.Default.Order).First().Rule.Code());
        Assert.Equal(first, new[] { fb, fa }.Order(Urgency.Default.Order).First().Rule.Code());
    }

    [Fact]
    public void Within_a_timescale_the_most_days_overdue_first_then_the_nearer_due_date()
    {
        var ordered = new[]
        {
            F(RuleId.DentalCheck, "A", 0, EscalationLevel.DueSoon, "2026-12-10"),
            F(RuleId.DentalCheck, "B", 0, EscalationLevel.DueSoon, "2026-12-04"),
            F(RuleId.DentalCheck, "C", 70, EscalationLevel.Escalated),
            F(RuleId.DentalCheck, "D", 90, EscalationLevel.Escalated),
        }.Order(Urgency.Default.Order);

        Assert.Equal("D C B A", string.Join(" ", ordered.Select(f => f.ChildId)));
    }

    [Fact]
    public void A_council_may_put_its_timescales_in_another_order()
    {
        var policy = AlertPolicy.Default with { Priority = [RuleId.DentalCheck, RuleId.ReturnInterview, RuleId.IhaRequest, RuleId.IhaCompletion, RuleId.ReviewHealthAssessment, RuleId.PermanenceReview] };
        var ordered = new[] { F(RuleId.IhaCompletion, "A", 16, EscalationLevel.Escalated), F(RuleId.DentalCheck, "B", 300, EscalationLevel.Escalated) }.Order(new Urgency(policy).Order);
        Assert.Equal("DENTAL_CHECK", ordered.First().Rule.Code());
    }

    [Fact]
    public void The_order_is_total_antisymmetric_and_the_same_whatever_the_input_order()
    {
        var findings = Gen.Select(Gen.Int[0, 5], Gen.Int[0, 400], Gen.Int[0, 2], Gen.Int[0, 9])
            .Select((r, days, level, child) => F(Enum.GetValues<RuleId>()[r], $"C{child}", level == 0 ? 0 : days, (EscalationLevel)level));
        Gen.Select(findings, findings).Sample((a, b) =>
        {
            var order = Urgency.Default.Order;
            return Math.Sign(order.Compare(a, b)) == -Math.Sign(order.Compare(b, a)) && (order.Compare(a, b) != 0 || a == b || a.Key == b.Key);
        });
        findings.Array[1, 30].Sample(list => list.Order(Urgency.Default.Order).SequenceEqual(list.Reverse().Order(Urgency.Default.Order)));
    }

    [Fact]
    public void Each_email_lists_its_items_most_urgent_first()
    {
        var manager = new Addressee("tm1@council.example", "TM1", Audience.TeamManager);
        var email = Assert.Single(NotificationPolicy.ByRecipient(
        [
            new Notice(F(RuleId.DentalCheck, "D1", 300, EscalationLevel.Escalated), manager),
            new Notice(F(RuleId.IhaCompletion, "N1", 16, EscalationLevel.Escalated), manager),
        ], Urgency.Default));
        Assert.Equal("IHA_COMPLETION:N1 DENTAL_CHECK:D1", Codes(email.Notices.Select(n => n.Finding)));
    }
}
