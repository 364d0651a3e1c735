using NodaTime;

namespace CpAlerts.Domain.Scorecards;

public enum PeriodKind
{
    Month,
    Quarter,
    Year,
}

/// <summary>
/// A reporting period: a calendar month, quarter or year, up to the as-of date when the period is
/// still running (period-to-date). Records dated after <see cref="End"/> do not count.
/// </summary>
public sealed record ReportingPeriod(PeriodKind Kind, LocalDate Start, LocalDate End)
{
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

    public string Label => Kind switch
    {
        PeriodKind.Month => Start.ToString("MMM yyyy", null),
        PeriodKind.Quarter => $"Q{((Start.Month - 1) / 3) + 1} {Start.Year}",
        _ => Start.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
