using NodaTime;

namespace CpAlerts.Domain.Scorecards;

/// <summary>How long a reporting period is.</summary>
public enum PeriodKind
{
    /// <summary>A calendar month.</summary>
    Month,

    /// <summary>A calendar quarter: January to March, April to June, and so on.</summary>
    Quarter,

    /// <summary>A calendar year, January to December.</summary>
    Year,
}

/// <summary>
/// A reporting period: a calendar month, quarter or year, up to the as-of date when the period is
/// still running (period-to-date). Records dated after <see cref="End"/> do not count.
/// </summary>
/// <param name="Kind">Month, quarter or year.</param>
/// <param name="Start">The period's first day.</param>
/// <param name="End">The period's last day, or the as-of date while the period is still running.</param>
public sealed record ReportingPeriod(PeriodKind Kind, LocalDate Start, LocalDate End)
{
    /// <summary>The month, quarter or year containing the date, up to that date if the period has not ended by then.</summary>
    public static ReportingPeriod Containing(LocalDate date, PeriodKind kind)
    {
        var start = kind switch
        {
            PeriodKind.Month => new LocalDate(date.Year, date.Month, 1),
            PeriodKind.Quarter => new LocalDate(date.Year, (((date.Month - 1) / 3) * 3) + 1, 1),
            _ => new LocalDate(date.Year, 1, 1),
        };
        var fullEnd = kind switch
        {
            PeriodKind.Month => start.PlusMonths(1).PlusDays(-1),
            PeriodKind.Quarter => start.PlusMonths(3).PlusDays(-1),
            _ => start.PlusYears(1).PlusDays(-1),
        };
        return new ReportingPeriod(kind, start, fullEnd < date ? fullEnd : date);
    }

    /// <summary>The <paramref name="count"/> calendar months ending with the one containing <paramref name="date"/>, oldest first.</summary>
    public static IReadOnlyList<ReportingPeriod> MonthsEndingWith(LocalDate date, int count) =>
        [.. Enumerable.Range(0, count).Reverse().Select(back =>
            Containing(back == 0 ? date : date.PlusMonths(-back).With(DateAdjusters.EndOfMonth), PeriodKind.Month))];

    /// <summary>Whether the date falls in the period, first and last day included.</summary>
    public bool Contains(LocalDate date) => date >= Start && date <= End;

    /// <summary>A period kind as settings, options and messages spell it: "month", "quarter" or "year"; null for anything else.</summary>
    public static PeriodKind? KindNamed(string? name) => name switch
    {
        "month" => PeriodKind.Month,
        "quarter" => PeriodKind.Quarter,
        "year" => PeriodKind.Year,
        _ => null,
    };

    /// <summary>The spelling <see cref="KindNamed"/> reads.</summary>
    public static string NameOf(PeriodKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>The period as headings print it: "Nov 2026", "Q4 2026" or "2026".</summary>
    public string Label => Kind switch
    {
        PeriodKind.Month => Start.ToString("MMM yyyy", null),
        PeriodKind.Quarter => $"Q{((Start.Month - 1) / 3) + 1} {Start.Year}",
        _ => Start.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
