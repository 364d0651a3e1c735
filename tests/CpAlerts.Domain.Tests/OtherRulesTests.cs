using CpAlerts.Domain.Escalation;
using CpAlerts.Domain.Rules;
using static CpAlerts.Domain.Tests.Records;

namespace CpAlerts.Domain.Tests;

public class DentalCheckRuleTests
{
    [Theory]
    [InlineData(new string[0], "2026-11-23", "none")]                                    // entered 2026-01-10: due 2027-01-10
    [InlineData(new string[0], "2026-12-27", "due_soon/0/0/2027-01-10")]
    [InlineData(new[] { "2025-11-01" }, "2026-11-23", "overdue/22/1/2026-11-01")]          // a check before care still counts
    [InlineData(new[] { "2025-11-01", "2026-02-01" }, "2026-11-23", "none")]              // the latest check counts
    [InlineData(new[] { "2025-09-20", "2026-11-24" }, "2026-11-23", "overdue/64/2/2026-09-20")] // tomorrow's check has not happened
    [InlineData(new[] { "2025-09-24" }, "2026-11-23", "overdue/60/2/2026-09-24")]          // level 2 at 60 days
    [InlineData(new[] { "2025-09-25" }, "2026-11-23", "overdue/59/1/2026-09-25")]
    public void Dental_check_due_twelve_months_after_the_last(string[] checks, string asOf, string expected) =>
        Assert.Equal(expected, Summary(Run(new DentalCheckRule(), Child("2026-01-10").WithDental(checks), asOf)));

    [Fact]
    public void Leap_day_check_is_due_on_the_28th_of_february()
    {
        var child = Child("2023-01-01").WithDental("2024-02-29");
        Assert.Equal("due_soon/0/0/2025-02-28", Summary(Run(new DentalCheckRule(), child, "2025-02-28")));
        Assert.Equal("overdue/1/1/2025-02-28", Summary(Run(new DentalCheckRule(), child, "2025-03-01")));
    }

    [Theory]
    [InlineData("2026-07-01T22:59:59Z", "due_soon/0/0/2026-07-01")] // 23:59:59 BST on the due date
    [InlineData("2026-07-01T23:00:00Z", "overdue/1/1/2026-07-01")]  // midnight BST: already the 2nd in London
    public void Summer_as_of_uses_the_london_date(string asOf, string expected) =>
        Assert.Equal(expected, Summary(Run(new DentalCheckRule(), Child("2025-01-01").WithDental("2025-07-01"), asOf)));

    [Theory]
    [InlineData("2026-12-01T23:59:59Z", "due_soon/0/0/2026-12-01")] // GMT: London date equals UTC date
    [InlineData("2026-12-02T00:00:00Z", "overdue/1/1/2026-12-01")]
    public void Winter_as_of_uses_the_london_date(string asOf, string expected) =>
        Assert.Equal(expected, Summary(Run(new DentalCheckRule(), Child("2025-01-01").WithDental("2025-12-01"), asOf)));

    [Theory]
    [InlineData("2026-10-25T00:30:00Z", "overdue/1/1/2026-10-24")] // 01:30 BST, first pass on the clock-change night
    [InlineData("2026-03-29T00:59:59Z", "due_soon/0/0/2026-03-29")] // 00:59:59 GMT, just before clocks go forward
    public void Clock_change_days(string asOf, string expected)
    {
        var due = expected.Split('/')[3];
        var check = D(due).PlusYears(-1).ToString("yyyy-MM-dd", null);
        Assert.Equal(expected, Summary(Run(new DentalCheckRule(), Child("2024-01-01").WithDental(check), asOf)));
    }
}

public class PermanenceReviewRuleTests
{
    [Theory]
    [InlineData("2026-07-31", "2026-11-30", null, false, "due_soon/0/0/2026-11-30")] // 31 Jul + 4 months clamps to 30 Nov
    [InlineData("2026-10-31", "2027-03-01", null, false, "overdue/1/1/2027-02-28")]  // 31 Oct + 4 months = 28 Feb
    [InlineData("2026-07-01", "2026-11-29", null, false, "overdue/28/2/2026-11-01")] // level 2 at 28 days
    [InlineData("2026-07-01", "2026-11-28", null, false, "overdue/27/1/2026-11-01")]
    [InlineData("2026-07-01", "2026-11-28", "2026-10-20", true, "none")]
    [InlineData("2026-07-01", "2026-11-28", "2026-10-20", false, "overdue/27/1/2026-11-01")] // review without a plan
    [InlineData("2026-07-01", "2026-11-28", "2026-11-29", true, "overdue/27/1/2026-11-01")]  // review after as-of
    [InlineData("2026-07-01", "2026-11-28", "2026-06-30", true, "overdue/27/1/2026-11-01")]  // before this episode
    public void Permanence_plan_needed_by_four_months(string entered, string asOf, string? reviewed, bool plan, string expected)
    {
        var child = Child(entered);
        if (reviewed is not null)
        {
            child = child.WithReview(reviewed, plan);
        }

        Assert.Equal(expected, Summary(Run(new PermanenceReviewRule(), child, asOf)));
    }

    [Fact]
    public void Level_zero_tells_the_social_worker_and_the_iro()
    {
        var finding = Run(new PermanenceReviewRule(), Child("2026-07-31"), "2026-11-30").Single();
        Assert.Equal([Audience.SocialWorker, Audience.Iro], finding.Audiences.AsEnumerable());
    }
}

public class ReturnInterviewRuleTests
{
    private static string RunAt(string asOf, string? returned, string? offered = null, bool declined = false) =>
        Summary(Run(new ReturnInterviewRule(), Child("2025-01-01").WithMissing("E1", returned, offered, declined), asOf));

    [Theory]
    [InlineData("2026-03-30T12:00:00Z", "due_soon/0/0/2026-03-30")]  // exactly the deadline: not yet late
    [InlineData("2026-03-30T12:00:01Z", "overdue/0/1/2026-03-30")]  // first 24 hours after: 0 days
    [InlineData("2026-03-31T12:00:00Z", "overdue/1/1/2026-03-30")]
    [InlineData("2026-04-02T11:59:59Z", "overdue/2/1/2026-03-30")]
    [InlineData("2026-04-02T12:00:00Z", "overdue/3/2/2026-03-30")]  // level 2 at 3 days
    [InlineData("2026-03-27T12:00:00Z", "due_soon/0/0/2026-03-30")]  // just returned
    [InlineData("2026-03-27T11:59:59Z", "none")]                   // return not happened yet
    public void Due_72_hours_after_return_across_the_spring_clock_change(string asOf, string expected) =>
        Assert.Equal(expected, RunAt(asOf, "2026-03-27T12:00:00Z"));

    [Theory]
    [InlineData("2026-03-30T12:00:00Z", null)]   // at the deadline: due soon, no hours
    [InlineData("2026-03-30T12:59:59Z", 0)]      // under an hour late
    [InlineData("2026-03-31T18:00:00Z", 30)]     // across the spring clock change: real hours, not wall-clock
    [InlineData("2026-04-02T12:00:00Z", 72)]     // 72 hours late is 72 hours, not "3 days" alone
    public void An_exact_deadline_counts_whole_hours_past_it(string asOf, int? hours) =>
        Assert.Equal(hours, Run(new ReturnInterviewRule(), Child("2025-01-01").WithMissing("E1", "2026-03-27T12:00:00Z"), asOf).Single().HoursOverdue);

    [Fact]
    public void Due_instant_is_exactly_72_hours_even_when_the_clocks_change()
    {
        var finding = Run(new ReturnInterviewRule(), Child("2025-01-01").WithMissing("E1", "2026-10-23T12:00:00Z"), "2026-10-27T00:00:00Z").Single();
        Assert.Equal(I("2026-10-26T12:00:00Z"), finding.DueAt);
        Assert.Equal("E1", finding.SubjectId);
        Assert.Equal("C1", finding.ChildId);
    }

    [Theory]
    [InlineData("2026-07-10T22:30:00Z", "2026-07-13")] // due 23:30 BST on the 13th
    [InlineData("2026-07-10T23:30:00Z", "2026-07-14")] // due 00:30 BST on the 14th
    public void Due_date_is_the_london_date_of_the_due_instant(string returned, string dueDate) =>
        Assert.EndsWith(dueDate, RunAt("2026-07-20T00:00:00Z", returned));

    [Theory]
    [InlineData(null, false, "overdue/2/1/2026-11-20")]
    [InlineData("2026-11-18T09:00:00Z", false, "none")]           // offered in time
    [InlineData("2026-11-22T09:00:00Z", false, "none")]           // offered late, but offered: closed
    [InlineData("2026-11-23T09:00:00Z", false, "overdue/2/1/2026-11-20")] // offer recorded for after as-of
    [InlineData(null, true, "none")]                              // declined
    public void Satisfied_by_an_offer_by_now_or_a_declined_interview(string? offered, bool declined, string expected) =>
        Assert.Equal(expected, RunAt("2026-11-22T12:00:00Z", "2026-11-17T09:00:00Z", offered, declined));

    [Fact]
    public void A_child_still_missing_has_no_interview_due()
    {
        Assert.Equal("none", RunAt("2026-11-22T12:00:00Z", null));
    }

    [Fact]
    public void Each_episode_is_its_own_finding()
    {
        var child = Child("2025-01-01").WithMissing("E1", "2026-11-10T09:00:00Z").WithMissing("E2", "2026-11-20T09:00:00Z").WithMissing("E3", null);
        var findings = Run(new ReturnInterviewRule(), child, "2026-11-22T12:00:00Z");
        Assert.Equal(["E1", "E2"], findings.Select(f => f.SubjectId).Order());
    }
}
