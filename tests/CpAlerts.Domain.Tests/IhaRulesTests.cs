using CpAlerts.Domain.Escalation;
using CpAlerts.Domain.Records;
using CpAlerts.Domain.Rules;
using static CpAlerts.Domain.Tests.Records;

namespace CpAlerts.Domain.Tests;

public class IhaRulesTests
{
    [Theory]
    [InlineData("2026-11-20", "2026-11-19", "none")]                    // not in care yet on the as-of date
    [InlineData("2026-11-20", "2026-11-27", "due_soon/0/0/2026-11-27")] // due today
    [InlineData("2026-11-20", "2026-11-28", "overdue/1/1/2026-11-27")]  // a Saturday counts as a calendar day late
    [InlineData("2026-11-20", "2026-12-01", "overdue/4/1/2026-11-27")]
    [InlineData("2026-11-20", "2026-12-02", "overdue/5/2/2026-11-27")]  // level-2 threshold is 5 days
    [InlineData("2026-11-21", "2026-11-27", "due_soon/0/0/2026-11-27")] // entered on a Saturday
    [InlineData("2026-04-02", "2026-04-13", "due_soon/0/0/2026-04-13")] // Easter span
    [InlineData("2026-12-24", "2027-01-06", "overdue/1/1/2027-01-05")]  // Christmas and New Year span
    public void Iha_request_due_five_working_days_after_entering_care(string entered, string asOf, string expected) =>
        Assert.Equal(expected, Summary(Run(new IhaRequestRule(), Child(entered), asOf)));

    [Fact]
    public void Due_soon_window_is_fourteen_days_inclusive()
    {
        // Completion due 2026-11-30 for a child in care since 2026-11-02: news from the 16th (14 days before), not the 15th.
        Assert.Equal("due_soon/0/0/2026-11-30", Summary(Run(new IhaCompletionRule(), Child("2026-11-02"), "2026-11-16")));
        Assert.Equal("none", Summary(Run(new IhaCompletionRule(), Child("2026-11-02"), "2026-11-15")));
    }

    [Theory]
    [InlineData("2026-11-24", null, "none")]          // requested in time
    [InlineData(null, "2026-11-24", "none")]          // a completed IHA counts as requested
    [InlineData("2026-12-05", null, "overdue/5/2/2026-11-27")] // requested after the as-of date: not yet happened
    [InlineData("2026-11-19", null, "overdue/5/2/2026-11-27")] // requested before entering care: not this episode
    public void Iha_request_is_satisfied_by_a_request_or_completion_in_the_episode(string? requested, string? completed, string expected) =>
        Assert.Equal(expected, Summary(Run(new IhaRequestRule(), Child("2026-11-20").WithIha(requested, completed), "2026-12-02")));

    [Fact]
    public void An_rha_does_not_satisfy_the_iha_rules()
    {
        var child = Child("2026-11-20").WithIha("2026-11-21", "2026-11-22", AssessmentType.Rha);
        Assert.Equal("overdue/5/2/2026-11-27", Summary(Run(new IhaRequestRule(), child, "2026-12-02")));
    }

    [Theory]
    [InlineData("2026-11-02", "2026-11-30", "due_soon/0/0/2026-11-30")]
    [InlineData("2026-11-02", "2026-12-09", "overdue/9/1/2026-11-30")]
    [InlineData("2026-11-02", "2026-12-10", "overdue/10/2/2026-11-30")] // level-2 threshold is 10 days
    [InlineData("2026-12-24", "2027-01-26", "due_soon/0/0/2027-01-26")]
    public void Iha_completion_due_twenty_working_days_after_entering_care(string entered, string asOf, string expected) =>
        Assert.Equal(expected, Summary(Run(new IhaCompletionRule(), Child(entered), asOf)));

    [Fact]
    public void Iha_completion_audiences_accumulate_by_level()
    {
        var level0 = Run(new IhaCompletionRule(), Child("2026-11-02"), "2026-11-30").Single();
        var level2 = Run(new IhaCompletionRule(), Child("2026-11-02"), "2026-12-10").Single();
        Assert.Equal([Audience.SocialWorker, Audience.HealthTeam], level0.Audiences.AsEnumerable());
        Assert.Equal([Audience.SocialWorker, Audience.HealthTeam, Audience.TeamManager, Audience.HeadOfService], level2.Audiences.AsEnumerable());
    }

    [Theory]
    [InlineData("2026-11-25", "none")]
    [InlineData("2026-12-11", "overdue/10/2/2026-11-30")] // completed after the as-of date
    public void Iha_completion_is_satisfied_only_by_a_completion_by_the_as_of_date(string completed, string expected) =>
        Assert.Equal(expected, Summary(Run(new IhaCompletionRule(), Child("2026-11-02").WithIha("2026-11-03", completed), "2026-12-10")));

    [Fact]
    public void Several_iha_rows_any_completed_one_satisfies()
    {
        var child = Child("2026-11-02").WithIha("2026-11-03", null).WithIha("2026-11-10", "2026-11-20");
        Assert.Empty(Run(new IhaCompletionRule(), child, "2026-12-10"));
    }
}
