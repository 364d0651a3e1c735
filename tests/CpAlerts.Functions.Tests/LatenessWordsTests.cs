using CpAlerts.Application.Wording;
using CpAlerts.Domain.Escalation;
using NodaTime;

namespace CpAlerts.Functions.Tests;

/// <summary>How late an item is, in the words emails and the team view use: hours for an exact deadline, days otherwise.</summary>
public class LatenessWordsTests
{
    private static readonly LocalDate Today = new(2026, 12, 3);

    [Theory]
    [InlineData(EscalationLevel.Overdue, 0, null, "overdue (less than a day)")]
    [InlineData(EscalationLevel.Overdue, 1, null, "1 day overdue")]
    [InlineData(EscalationLevel.Escalated, 39, null, "39 days overdue")]
    [InlineData(EscalationLevel.Overdue, 0, 0, "overdue (less than an hour)")]
    [InlineData(EscalationLevel.Overdue, 0, 1, "1 hour overdue")]
    [InlineData(EscalationLevel.Overdue, 1, 30, "30 hours overdue")]
    [InlineData(EscalationLevel.Escalated, 3, 72, "72 hours overdue")]   // not "3 days overdue", nor "1 day"
    [InlineData(EscalationLevel.Escalated, 6, 167, "167 hours overdue")]
    [InlineData(EscalationLevel.Escalated, 7, 168, "7 days overdue")]    // a week on, days again
    public void Overdue_says_hours_for_an_exact_deadline_up_to_a_week_and_days_otherwise(EscalationLevel level, int days, int? hours, string words) =>
        Assert.Equal(words, LatenessWords.Lateness(level, days, Today.PlusDays(-days), Today, hours));

    [Theory]
    [InlineData(0, "due today")]
    [InlineData(1, "due tomorrow")]
    [InlineData(3, "due in 3 days")]
    public void Due_soon_says_when(int inDays, string words) =>
        Assert.Equal(words, LatenessWords.Lateness(EscalationLevel.DueSoon, 0, Today.PlusDays(inDays), Today));
}
