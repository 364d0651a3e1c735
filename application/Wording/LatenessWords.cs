using CpAlerts.Domain.Escalation;
using NodaTime;
using static CpAlerts.Application.Wording.CountWords;

namespace CpAlerts.Application.Wording;

/// <summary>How late an item is, in words, the same in emails and pages.</summary>
public static class LatenessWords
{
    /// <summary>"due in 3 days", "due tomorrow", "1 day overdue": how late, in words (emails and the team view).</summary>
    public static string Lateness(EscalationLevel level, int daysOverdue, LocalDate? dueDate, LocalDate? today)
    {
        if (level != EscalationLevel.DueSoon)
        {
            return daysOverdue == 0 ? "overdue (less than a day)" : $"{Count(daysOverdue, "day", "days")} overdue";
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
