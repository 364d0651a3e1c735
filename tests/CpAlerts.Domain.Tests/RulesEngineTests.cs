using System.Collections.Immutable;
using CpAlerts.Domain.Escalation;
using CpAlerts.Domain.Records;
using CpAlerts.Domain.Rules;
using static CpAlerts.Domain.Tests.Records;

namespace CpAlerts.Domain.Tests;

public class RulesEngineTests
{
    [Theory]
    [InlineData("2026-11-02", null, "2026-12-10", true)]
    [InlineData("2026-11-02", "2026-12-10", "2026-12-10", false)] // left care on the as-of date: episode ended
    [InlineData("2026-11-02", "2026-12-11", "2026-12-10", true)]  // leaves tomorrow: still in care today
    [InlineData("2026-12-11", null, "2026-12-10", false)]         // enters care tomorrow: not yet
    [InlineData("2026-12-10", null, "2026-12-10", true)]          // entered today
    public void Only_children_in_care_on_the_as_of_date_are_evaluated(string entered, string? left, string asOf, bool evaluated)
    {
        // A dental check due today guarantees a finding for anyone evaluated.
        var child = Child(entered, left).WithDental(D(asOf).PlusYears(-1).ToString("yyyy-MM-dd", null));
        Assert.Equal(evaluated, RulesEngine.Standard.Evaluate(child, AsOf(asOf)).Any());
    }

    [Fact]
    public void Findings_are_sorted_by_level_then_days_overdue_then_child_rule_subject()
    {
        var children = new[]
        {
            Child("2026-11-02", id: "C2"),                                      // IHA request 25 days (2), completion 10 days (2), …
            Child("2026-11-02", id: "C1"),
            Child("2026-11-23", id: "C3"),                                      // due soon only
            Child("2025-01-01", id: "C4").WithDental("2026-01-01").WithReview("2025-02-01", true).WithIha("2025-01-02", "2025-01-10").WithIha(null, "2026-06-01", AssessmentType.Rha)
                .WithMissing("E9", "2026-12-05T09:00:00Z").WithMissing("E1", "2026-12-05T09:00:00Z"),
        };
        var findings = RulesEngine.Standard.Evaluate(children, AsOf("2026-12-10"));
        var expected = findings
            .OrderByDescending(f => f.Level).ThenByDescending(f => f.DaysOverdue)
            .ThenBy(f => f.ChildId, StringComparer.Ordinal).ThenBy(f => f.Rule.Code(), StringComparer.Ordinal)
            .ThenBy(f => f.SubjectId, StringComparer.Ordinal).ToList();
        Assert.Equal(expected, findings);
        Assert.Equal(["E1", "E9"], findings.Where(f => f.Rule == RuleId.ReturnInterview).Select(f => f.SubjectId));
        Assert.True(findings.Length >= 8);
        Assert.Equal("C1", findings[0].ChildId); // same level and lateness as C2: ordered by child id
    }

    [Fact]
    public void A_council_policy_changes_thresholds_audiences_and_timescales()
    {
        var dental = AlertPolicy.Default.EscalationFor(RuleId.DentalCheck) with { Level2ThresholdDays = 90, Level2Adds = [Audience.HeadOfService] };
        var policy = AlertPolicy.Default with
        {
            Timescales = AlertPolicy.Default.Timescales with { DentalCheckIntervalMonths = 6, DueSoonWindowDays = 0 },
            Escalations = AlertPolicy.Default.Escalations.SetItem(RuleId.DentalCheck, dental),
        };
        var child = Child("2025-01-01").WithDental("2025-12-01"); // due 2026-06-01 at six months
        var late = RulesEngine.Standard.Evaluate(child, AsOf("2026-08-31", policy)).Single(f => f.Rule == RuleId.DentalCheck);
        Assert.Equal((91, EscalationLevel.Escalated), (late.DaysOverdue, late.Level));
        Assert.Contains(Audience.HeadOfService, late.Audiences);
        Assert.DoesNotContain(Audience.DentalAdviser, late.Audiences);
        Assert.DoesNotContain(RulesEngine.Standard.Evaluate(child, AsOf("2026-05-31", policy)), f => f.Rule == RuleId.DentalCheck);
    }

    [Fact]
    public void Finding_key_is_stable_across_escalation_and_new_for_a_new_due_date()
    {
        var child = Child("2025-01-01").WithDental("2025-10-01");
        var early = RulesEngine.Standard.Evaluate(child, AsOf("2026-10-05")).Single(f => f.Rule == RuleId.DentalCheck);
        var later = RulesEngine.Standard.Evaluate(child, AsOf("2026-12-05")).Single(f => f.Rule == RuleId.DentalCheck);
        Assert.NotEqual(early.Level, later.Level);
        Assert.Equal(early.Key, later.Key);
        var rechecked = RulesEngine.Standard.Evaluate(child.WithDental("2025-10-10"), AsOf("2026-10-15")).Single(f => f.Rule == RuleId.DentalCheck);
        Assert.NotEqual(early.Key, rechecked.Key);
    }

    [Fact]
    public void Audiences_accumulate_for_every_rule_and_level()
    {
        foreach (var (rule, escalation) in AlertPolicy.Default.Escalations)
        {
            ImmutableArray<Audience> previous = [];
            foreach (var level in Enum.GetValues<EscalationLevel>())
            {
                var audiences = escalation.AudiencesAt(level);
                Assert.True(previous.All(audiences.Contains), $"{rule} level {level} lost an audience");
                Assert.Contains(Audience.SocialWorker, audiences);
                previous = audiences;
            }
        }
    }
}
