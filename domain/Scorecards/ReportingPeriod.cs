using NodaTime;

namespace CpAlerts.Domain.Scorecards;

/// <summary>How long a reporting period is.</summary>
public enum PeriodKind
{
    /// <summary>A calendar month.</summary>
    Month,

    /// <summary>A quarter of the reporting year: with the financial year, April–June is Q1.</summary>
    Quarter,

    /// <summary>The reporting year: April to March (the financial year) by default.</summary>
    Year,
}

/// <summary>
/// A reporting period: a month, or a quarter or year of the reporting year (the financial year, April to
/// March, by default, as councils and the DfE report; January when a council reports by calendar year), up to
/// the as-of date when the period is still running (period-to-date). Records dated after <see cref="End"/> do not count.
/// </summary>
/// <param name="Kind">Month, quarter or year.</param>
/// <param name="Start">The period's first day.</param>
/// <param name="End">The period's last day, or the as-of date while the period is still running.</param>
public sealed record ReportingPeriod(PeriodKind Kind, LocalDate Start, LocalDate End)
{
    /// <summary>April: the financial year, which councils and the DfE report by.</summary>
    public const int FinancialYearStart = 4;

    /// <summary>The first month of the reporting year the period belongs to (4: April, financial years; 1: calendar years).</summary>
    public int YearStartMonth { get; init; } = FinancialYearStart;

    /// <summary>Whether the period was still running on the as-of date (it ends early: "to date").</summary>
    public bool ToDate { get; init; }

    /// <summary>The month, quarter or year containing the date, up to that date if the period has not ended by then.</summary>
    public static ReportingPeriod Containing(LocalDate date, PeriodKind kind, int yearStartMonth = FinancialYearStart)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(yearStartMonth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(yearStartMonth, 12);
        var yearStart = new LocalDate(date.Month >= yearStartMonth ? date.Year : date.Year - 1, yearStartMonth, 1);
        var start = kind switch
        {
            PeriodKind.Month => new LocalDate(date.Year, date.Month, 1),
            PeriodKind.Quarter => yearStart.PlusMonths(Period.Between(yearStart, date, PeriodUnits.Months).Months / 3 * 3),
            _ => yearStart,
        };
        var fullEnd = kind switch
        {
            PeriodKind.Month => start.PlusMonths(1).PlusDays(-1),
            PeriodKind.Quarter => start.PlusMonths(3).PlusDays(-1),
            _ => start.PlusYears(1).PlusDays(-1),
        };
        return new ReportingPeriod(kind, start, fullEnd < date ? fullEnd : date) { YearStartMonth = yearStartMonth, ToDate = date < fullEnd };
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

    /// <summary>
    /// The period as board papers print it: "Nov 2026"; "Q3 2026/27" (a financial-year quarter) or "Q4 2026" (calendar);
    /// "2026/27" or "2026"; with "to date" while it is still running.
    /// </summary>
    public string Label
    {
        get
        {
            var yearStart = new LocalDate(Start.Month >= YearStartMonth ? Start.Year : Start.Year - 1, YearStartMonth, 1);
            var year = YearStartMonth == 1 ? yearStart.Year.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{yearStart.Year}/{(yearStart.Year + 1) % 100:D2}";
            var label = Kind switch
            {
                PeriodKind.Month => Start.ToString("MMM yyyy", System.Globalization.CultureInfo.InvariantCulture),
                PeriodKind.Quarter => $"Q{(Period.Between(yearStart, Start, PeriodUnits.Months).Months / 3) + 1} {year}",
                _ => year,
            };
            return ToDate ? $"{label} to date" : label;
        }
    }

    /// <summary>The label without "to date", for a chart's axis.</summary>
    public string ShortLabel => ToDate ? Label[..^" to date".Length] : Label;
}
