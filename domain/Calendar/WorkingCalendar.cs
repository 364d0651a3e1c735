using NodaTime;

namespace CpAlerts.Domain.Calendar;

/// <summary>Working days (Monday to Friday, not a bank holiday) and month arithmetic of the rules.</summary>
/// <param name="bankHolidays">The bank holidays that are not working days.</param>
public sealed class WorkingCalendar(BankHolidays bankHolidays)
{
    /// <summary>The calendar with the England-and-Wales bank holidays and no configured changes.</summary>
    public static WorkingCalendar EnglandAndWales { get; } = new(BankHolidays.Default);

    /// <summary>The bank holidays this calendar skips.</summary>
    public BankHolidays BankHolidays { get; } = bankHolidays;

    /// <summary>Whether the date is Monday to Friday and not a bank holiday.</summary>
    public bool IsWorkingDay(LocalDate date) =>
        date.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday) && !BankHolidays.Contains(date);

    /// <summary>
    /// RULES.md's addWorkingDays: counting only days after <paramref name="date"/>, the n-th working day
    /// (for a Saturday, day 1 is the Monday unless it is a bank holiday). n = 0 gives the date itself.
    /// </summary>
    public LocalDate AddWorkingDays(LocalDate date, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var current = date;
        for (var counted = 0; counted < n;)
        {
            current = current.PlusDays(1);
            if (IsWorkingDay(current))
            {
                counted++;
            }
        }

        return current;
    }

    /// <summary>
    /// How many working days after <paramref name="from"/> up to and including <paramref name="to"/> ("5 working days
    /// left"); negative, counted the same way backwards, when <paramref name="to"/> is earlier. The inverse of
    /// <see cref="AddWorkingDays"/>: WorkingDaysBetween(d, AddWorkingDays(d, n)) = n.
    /// </summary>
    public int WorkingDaysBetween(LocalDate from, LocalDate to)
    {
        if (to < from)
        {
            return -WorkingDaysBetween(to, from);
        }

        var count = 0;
        for (var day = from.PlusDays(1); day <= to; day = day.PlusDays(1))
        {
            count += IsWorkingDay(day) ? 1 : 0;
        }

        return count;
    }

    /// <summary>Same day of month n months later, clamped to the month's last day (31 Oct + 4 = 28 Feb).</summary>
    public static LocalDate AddMonths(LocalDate date, int n) => date.PlusMonths(n); // NodaTime clamps to month end
}
