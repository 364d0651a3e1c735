using System.Collections.Concurrent;
using System.Collections.Immutable;
using NodaTime;

namespace CpAlerts.Domain.Calendar;

/// <summary>
/// England-and-Wales bank holidays, derived by rule for any year, with the one-off changes of
/// recent years and any dates a council adds or removes in configuration.
/// </summary>
public sealed class BankHolidays
{
    /// <summary>Royal proclamations that moved or added holidays.</summary>
    private static readonly ImmutableArray<LocalDate> OneOffAdded =
    [
        new(2020, 5, 8),  // VE Day 75th anniversary, replacing 2020-05-04
        new(2022, 6, 2),  // Platinum Jubilee, replacing 2022-05-30
        new(2022, 6, 3),
        new(2022, 9, 19), // State funeral
        new(2023, 5, 8),  // Coronation
    ];

    private static readonly ImmutableArray<LocalDate> OneOffRemoved =
    [
        new(2020, 5, 4),
        new(2022, 5, 30),
    ];

    private readonly ImmutableHashSet<LocalDate> _extra;
    private readonly ImmutableHashSet<LocalDate> _removed;

    // Derivation is pure; the cache only saves recomputing Easter for every date looked up.
    private readonly ConcurrentDictionary<int, ImmutableSortedSet<LocalDate>> _byYear = new();

    private BankHolidays(IEnumerable<LocalDate> extra, IEnumerable<LocalDate> removed)
    {
        _extra = [.. extra];
        _removed = [.. removed];
    }

    /// <summary>The England-and-Wales list, adjusted by configured extra and removed dates.</summary>
    public static BankHolidays EnglandAndWales(
        IEnumerable<LocalDate>? extra = null, IEnumerable<LocalDate>? removed = null) =>
        new(OneOffAdded.Concat(extra ?? []), OneOffRemoved.Concat(removed ?? []));

    /// <summary>The England-and-Wales list with no configured changes.</summary>
    public static BankHolidays Default { get; } = EnglandAndWales();

    /// <summary>Whether the date is a bank holiday.</summary>
    public bool Contains(LocalDate date) => InYear(date.Year).Contains(date);

    /// <summary>The year's bank holidays, in date order.</summary>
    public ImmutableSortedSet<LocalDate> InYear(int year) => _byYear.GetOrAdd(year, Derive);

    private ImmutableSortedSet<LocalDate> Derive(int year)
    {
        var easter = EasterSunday(year);
        var fixedDays = new List<LocalDate>
        {
            easter.PlusDays(-2), // Good Friday
            easter.PlusDays(1),  // Easter Monday
            FirstMonday(year, 5),
            LastMonday(year, 5),
            LastMonday(year, 8),
        };
        fixedDays.Add(NextWeekday(new LocalDate(year, 1, 1), []));
        // Christmas first, then Boxing Day: each weekend one moves to the next free weekday.
        var christmas = NextWeekday(new LocalDate(year, 12, 25), []);
        var boxingDay = NextWeekday(new LocalDate(year, 12, 26), [christmas]);
        fixedDays.Add(christmas);
        fixedDays.Add(boxingDay);

        return fixedDays
            .Concat(_extra.Where(d => d.Year == year))
            .Where(d => !_removed.Contains(d))
            .ToImmutableSortedSet();
    }

    private static LocalDate NextWeekday(LocalDate date, IReadOnlyCollection<LocalDate> taken)
    {
        while (date.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday || taken.Contains(date))
        {
            date = date.PlusDays(1);
        }

        return date;
    }

    private static LocalDate FirstMonday(int year, int month) =>
        new LocalDate(year, month, 1).With(DateAdjusters.NextOrSame(IsoDayOfWeek.Monday));

    private static LocalDate LastMonday(int year, int month) =>
        new LocalDate(year, month, 1).With(DateAdjusters.EndOfMonth).With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday));

    /// <summary>Western Easter Sunday (the anonymous Gregorian algorithm, Meeus/Jones/Butcher).</summary>
    public static LocalDate EasterSunday(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
        int f = (b + 8) / 25, g = (b - f + 1) / 3, h = ((19 * a) + b - d - g + 15) % 30;
        int i = c / 4, k = c % 4, l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        int m = (a + (11 * h) + (22 * l)) / 451;
        int month = (h + l - (7 * m) + 114) / 31;
        int day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new LocalDate(year, month, day);
    }
}
