namespace CpAlerts.Domain.Scorecards;

/// <summary>The band a figure falls in, said in words on every page (never by colour alone).</summary>
public enum RagStatus
{
    /// <summary>Nobody to count, so no percentage; or too few children to rate (fewer than the minimum cohort).</summary>
    NoData,

    /// <summary>Below the "requires improvement" band (below 60% by default).</summary>
    Inadequate,

    /// <summary>At least "requires improvement", below "good" (60–69% by default).</summary>
    RequiresImprovement,

    /// <summary>At least the "good" band, below "outstanding" (70–79% by default).</summary>
    Good,

    /// <summary>At or above the "outstanding" band (80% and over by default).</summary>
    Outstanding,
}

/// <summary>
/// Targets and bands; a council may change them. Defaults, from the councils' own reports: target 80%; 80% and over
/// outstanding; 70–79% good; 60–69% requires improvement; below 60% inadequate. A figure for fewer than
/// <see cref="MinimumCohort"/> children is not shown as a percentage ("0.0% (0 of 1)" says nothing and can identify a child).
/// </summary>
/// <param name="Target">The percentage the council aims for, shown beside each figure.</param>
/// <param name="GoodFrom">The lowest percentage that is good.</param>
/// <param name="OutstandingFrom">The lowest percentage that is outstanding.</param>
/// <param name="RequiresImprovementFrom">The lowest percentage that requires improvement; below it is inadequate.</param>
/// <param name="MinimumCohort">The fewest children a percentage is shown for.</param>
/// <param name="YearStartMonth">The first month of the reporting year: 4 (April, the financial year) or 1 (calendar years).</param>
public sealed record ScorecardPolicy(double Target = 80, double GoodFrom = 70, double OutstandingFrom = 80, double RequiresImprovementFrom = 60, int MinimumCohort = 5,
    int YearStartMonth = ReportingPeriod.FinancialYearStart)
{
    /// <summary>The default target and bands.</summary>
    public static ScorecardPolicy Default { get; } = new();

    /// <summary>Published figures to compare each measure with, by measure id (none by default).</summary>
    public System.Collections.Immutable.ImmutableDictionary<string, Comparator> Comparators { get; init; } =
        System.Collections.Immutable.ImmutableDictionary<string, Comparator>.Empty;

    /// <summary>The band a percentage falls in; no data when there is no percentage.</summary>
    public RagStatus StatusOf(double? percent) => percent switch
    {
        null => RagStatus.NoData,
        >= 0 when percent >= OutstandingFrom => RagStatus.Outstanding,
        >= 0 when percent >= GoodFrom => RagStatus.Good,
        >= 0 when percent >= RequiresImprovementFrom => RagStatus.RequiresImprovement,
        _ => RagStatus.Inadequate,
    };

    /// <summary>A measure's band: no data when it has fewer children than <see cref="MinimumCohort"/>.</summary>
    public RagStatus StatusOf(Measure measure) => IsTooSmall(measure) ? RagStatus.NoData : StatusOf(measure.Percent);

    /// <summary>Whether a measure counts some children but fewer than <see cref="MinimumCohort"/>.</summary>
    public bool IsTooSmall(Measure measure) => measure.Denominator > 0 && measure.Denominator < MinimumCohort;

    /// <summary>A measure's figure as printed: "87.5%", "fewer than 5 children" or "no data".</summary>
    public string FigureText(Measure measure) => IsTooSmall(measure) ? $"fewer than {MinimumCohort} children" : measure.PercentText;

    /// <summary>"7 of 8", or nothing for a figure too small to show (the count alone could identify a child).</summary>
    public string OfText(Measure measure) => IsTooSmall(measure) ? "" : $"{measure.Numerator} of {measure.Denominator}";

    /// <summary>
    /// The change from the previous period, in words with an arrow: "↑ up 3.2 points", "↓ down 1 point", "no change";
    /// "not comparable" when either figure has no percentage or too few children.
    /// </summary>
    public string ChangeText(Measure now, Measure before)
    {
        if (IsTooSmall(now) || IsTooSmall(before) || now.Percent is not { } a || before.Percent is not { } b)
        {
            return "not comparable";
        }

        var points = Math.Round(a - b, 1);
        var size = Math.Abs(points).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
        var unit = Math.Abs(points) == 1 ? "point" : "points";
        return points switch
        {
            > 0 => $"↑ up {size} {unit}",
            < 0 => $"↓ down {size} {unit}",
            _ => "no change",
        };
    }

    /// <summary>A band in words, e.g. "Requires improvement".</summary>
    public static string Words(RagStatus status) => status switch
    {
        RagStatus.Outstanding => "Outstanding",
        RagStatus.Good => "Good",
        RagStatus.RequiresImprovement => "Requires improvement",
        RagStatus.Inadequate => "Inadequate",
        _ => "No data",
    };
}
