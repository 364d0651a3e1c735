using CpAlerts.Domain.Records;
using CpAlerts.Domain.Rules;
using static CpAlerts.Domain.Tests.Records;

namespace CpAlerts.Domain.Tests;

/// <summary>REVIEW_HEALTH_ASSESSMENT: 6 months after the latest assessment of the episode if the child was under 5 on it, else 12.</summary>
public class ReviewHealthAssessmentRuleTests
{
    private static readonly ReviewHealthAssessmentRule Rule = new();

    private static ChildRecords Born(string dateOfBirth, string entered) =>
        Child(entered) is var c ? c with { Child = c.Child with { DateOfBirth = D(dateOfBirth) } } : c;

    [Theory]
    // born, entered, IHA done, RHAs done ("" none; ";" between), as of → "status/days/level/due" or "none"
    [InlineData("2021-06-16", "2026-01-05", "2026-01-20", "2026-06-15", "2026-12-29", "overdue/14/1/2026-12-15")]   // fifth birthday the day after: under 5, 6 months
    [InlineData("2021-06-15", "2026-01-05", "2026-01-20", "2026-06-15", "2026-12-29", "none")]                    // fifth birthday on the day: 12 months (due 2027-06-15)
    [InlineData("2021-06-14", "2026-01-05", "2026-01-20", "2026-06-15", "2027-06-10", "due_soon/0/0/2027-06-15")] // five the day before: 12 months
    [InlineData("2023-03-01", "2026-01-05", "2026-01-20", "2026-08-31", "2027-03-01", "overdue/1/1/2027-02-28")]   // 31 August + 6 months = 28 February
    [InlineData("2023-03-01", "2027-01-05", "2027-01-20", "2027-08-31", "2028-03-01", "overdue/1/1/2028-02-29")]   // … 29 February in a leap year
    [InlineData("2015-01-01", "2026-01-05", "", "2026-02-01", "2027-06-01", "none")]                             // an RHA without an IHA in the episode
    [InlineData("2015-01-01", "2025-06-01", "2025-01-10", "", "2026-12-01", "none")]                             // the IHA was in an earlier episode
    [InlineData("2015-01-01", "2024-01-01", "2024-01-20", "2025-01-10;2027-01-05", "2026-12-29", "overdue/353/2/2026-01-10")] // a review dated after the as-of date is ignored
    [InlineData("2015-01-01", "2023-01-01", "2023-01-20", "2024-01-10;2025-12-20;2024-06-01", "2026-12-29", "overdue/9/1/2026-12-20")] // several reviews: the latest counts
    [InlineData("2015-01-01", "2024-01-01", "2024-01-20", "", "2025-01-06", "due_soon/0/0/2025-01-20")]            // 14 days ahead: within the window
    [InlineData("2015-01-01", "2024-01-01", "2024-01-20", "", "2025-01-06T00:00:00Z", "due_soon/0/0/2025-01-20")]   // London midnight
    [InlineData("2015-01-01", "2024-01-01", "2024-01-20", "", "2025-01-05", "none")]                             // 15 days ahead: not news yet
    [InlineData("2015-01-01", "2024-01-01", "2024-01-20", "", "2025-02-16", "overdue/27/1/2025-01-20")]          // 27 days: level 1
    [InlineData("2015-01-01", "2024-01-01", "2024-01-20", "", "2025-02-17", "overdue/28/2/2025-01-20")]          // 28 days: level 2
    [InlineData("2015-01-01", "2024-01-01", "2024-01-20", "2024-06-01", "2024-05-30", "none")]                   // the RHA has not happened yet: 12 months from the IHA
    public void Boundaries(string born, string entered, string iha, string rhas, string asOf, string expected)
    {
        var child = Born(born, entered);
        if (iha.Length > 0)
        {
            child = child.WithIha(null, iha);
        }

        foreach (var rha in rhas.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            child = child.WithIha(null, rha, AssessmentType.Rha);
        }

        Assert.Equal(expected, Summary(Rule.Evaluate(child, AsOf(asOf))));
    }

    [Fact]
    public void The_timescales_are_settings()
    {
        var policy = Rules.AlertPolicy.Default with
        {
            Timescales = Rules.AlertPolicy.Default.Timescales with { ReviewHealthAssessmentMonths = 9, ReviewHealthAssessmentAgeYears = 16 },
        };
        var child = Born("2015-01-01", "2024-01-01").WithIha(null, "2024-01-20");

        // Under 16 on the IHA date: the young interval (6 months) applies; with the age at 5 it would be 12.
        Assert.Equal("overdue/10/1/2024-07-20", Summary(Rule.Evaluate(child, AsOf("2024-07-30", policy))));
        Assert.Equal("none", Summary(Rule.Evaluate(child, AsOf("2024-07-30"))));
    }
}
