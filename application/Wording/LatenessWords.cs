using CpAlerts.Domain.Escalation;
using NodaTime;
using static CpAlerts.Application.Wording.CountWords;

namespace CpAlerts.Application.Wording;

/// <summary>How late an item is, in words, the same in emails and pages.</summary>
public static class LatenessWords
{
    /// <summary>Up to a week late, an exact deadline's lateness is said in hours ("30 hours overdue"); after that in days.</summary>
    public const int HoursSaidUpTo = 7 * 24;

    /// <summary>
    /// "due in 3 days", "due tomorrow", "1 day overdue", "30 hours overdue": how late, in words (emails and the team view).
    /// <paramref name="hoursOverdue"/>: for an exact deadline (a return home interview), the hours past it.
    /// </summary>
    public static string Lateness(EscalationLevel level, int daysOverdue, LocalDate? dueDate, LocalDate? today, int? hoursOverdue = null)
    {
        if (level != EscalationLevel.DueSoon)
        {
            return hoursOverdue switch
            {
                < 1 => "overdue (less than an hour)",
                < HoursSaidUpTo and { } hours => $"{Count(hours, "hour", "hours")} overdue",
                _ => daysOverdue == 0 ? "overdue (less than a day)" : $"{Count(daysOverdue, "day", "days")} overdue",
            };
        }

        var days = today is { } d && dueDate is { } due ? Period.DaysBetween(d, due) : (int?)null;
        return days switch
        {
            null or < 0 => "due soon",
            0 => "due today",
            1 => "due tomorrow",
            _ => $"due in {days} days",
        };
    }

    /// <summary>
    /// "3 working days left", "2 working days overdue"; a deadline that passed at the weekend (no working day since)
    /// is "past", never "0 working days left".
    /// </summary>
    public static string WorkingDaysWords(int n, bool passed, string left, string past) =>
        passed && n == 0 ? $"past ({past}, at the weekend or a bank holiday)"
        : n >= 0 ? $"{Count(n, "working day", "working days")} {left}"
        : $"{Count(-n, "working day", "working days")} {past}";
}
