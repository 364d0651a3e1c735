namespace CpAlerts.Domain.Scorecards;

/// <summary>
/// The band a figure falls in, named against the council's target rather than like Ofsted grades ("Good" below the
/// target read as a contradiction to boards), and said in words on every page (never by colour alone).
/// </summary>
public enum RagStatus
{
    /// <summary>Nobody to count in the period, so no percentage (not missing data: there was nothing to measure).</summary>
    NoneCounted,

    /// <summary>Some children, but fewer than the minimum cohort: the figure is withheld, not missing.</summary>
    TooFewToShow,

    /// <summary>Below the "below target" band (below 60% by default).</summary>
    WellBelowTarget,

    /// <summary>At least the "below target" edge, under "close to target" (60–69% by default).</summary>
    BelowTarget,

    /// <summary>At least the "close to target" edge, under the target (70–79% by default).</summary>
    CloseToTarget,

    /// <summary>At or above the target (80% and over by default).</summary>
    OnTarget,
}

/// <summary>
/// Targets and bands; a council may change them. Defaults, from the councils' own reports: target 80%; on target at 80%
/// and over; close to target 70–79%; below target 60–69%; well below target under 60%. "On target" always starts at
/// <see cref="Target"/>, so the band and the target never disagree. A figure for fewer than <see cref="MinimumCohort"/>
/// children is not shown as a percentage ("0.0% (0 of 1)" says nothing and can identify a child).
/// </summary>
/// <remarks>
/// The settings keep the names they had when the bands were named like Ofsted grades (`GoodFrom`,
/// `RequiresImprovementFrom`, `OutstandingFrom`), so councils' settings still start and mean the same edges.
/// </remarks>
/// <param name="Target">The percentage the council aims for, shown beside each figure; "on target" starts here.</param>
/// <param name="GoodFrom">The lowest percentage that is close to target (setting `GoodFrom`).</param>
/// <param name="OutstandingFrom">
/// Setting `OutstandingFrom`, still read and checked so existing settings start, but no longer an edge: it let the top
/// band start below the target ("outstanding" yet under target) or above it ("good" yet on target).
/// </param>
/// <param name="RequiresImprovementFrom">The lowest percentage that is below target rather than well below it (setting `RequiresImprovementFrom`).</param>
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

    // The edges as used: never above the band over them, so a close-to-target edge set above the target leaves that band
    // empty instead of letting a figure under the target read "close to target" while one over it reads "on target".
    private double CloseFrom => Math.Min(GoodFrom, Target);

    private double BelowFrom => Math.Min(RequiresImprovementFrom, CloseFrom);

    /// <summary>The band a percentage falls in; none counted when there is no percentage.</summary>
    public RagStatus StatusOf(double? percent) => percent switch
    {
        null => RagStatus.NoneCounted,
        { } p when p >= Target => RagStatus.OnTarget,
        { } p when p >= CloseFrom => RagStatus.CloseToTarget,
        { } p when p >= BelowFrom => RagStatus.BelowTarget,
        _ => RagStatus.WellBelowTarget,
    };

    /// <summary>A measure's band: too few to show when it has fewer children than <see cref="MinimumCohort"/>.</summary>
    public RagStatus StatusOf(Measure measure) => IsTooSmall(measure) ? RagStatus.TooFewToShow : StatusOf(measure.Percent);

    /// <summary>Whether a measure counts some children but fewer than <see cref="MinimumCohort"/>.</summary>
    public bool IsTooSmall(Measure measure) => measure.Denominator > 0 && measure.Denominator < MinimumCohort;

    /// <summary>A measure's figure as printed: "87.5%", "fewer than 5 children" or "none counted".</summary>
    public string FigureText(Measure measure) => IsTooSmall(measure) ? $"fewer than {MinimumCohort} children" : measure.PercentText;

    /// <summary>"7 of 8"; nothing for a figure too small to show (the count alone could identify a child) or with nobody counted ("0 of 0" says nothing).</summary>
    public string OfText(Measure measure) => IsTooSmall(measure) || measure.Denominator == 0 ? "" : $"{measure.Numerator} of {measure.Denominator}";

    /// <summary>
    /// The bands as a board paper explains them, with the council's edges: "On target: 80% and above; close to target:
    /// 70% to below 80%; …". A band the settings leave empty is not mentioned.
    /// </summary>
    public string BandsText
    {
        get
        {
            static string N(double v) => v.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "%";
            var bands = new List<string> { $"{Words(RagStatus.OnTarget)}: {N(Target)} (the target) and above" };
            if (CloseFrom < Target)
            {
                bands.Add($"{Words(RagStatus.CloseToTarget).ToLowerInvariant()}: {N(CloseFrom)} to below {N(Target)}");
            }

            if (BelowFrom < CloseFrom)
            {
                bands.Add($"{Words(RagStatus.BelowTarget).ToLowerInvariant()}: {N(BelowFrom)} to below {N(CloseFrom)}");
            }

            if (BelowFrom > 0)
            {
                bands.Add($"{Words(RagStatus.WellBelowTarget).ToLowerInvariant()}: below {N(BelowFrom)}");
            }

            return string.Join("; ", bands) + ".";
        }
    }

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

    /// <summary>A band in words as people read it, e.g. "Close to target".</summary>
    public static string Words(RagStatus status) => status switch
    {
        RagStatus.OnTarget => "On target",
        RagStatus.CloseToTarget => "Close to target",
        RagStatus.BelowTarget => "Below target",
        RagStatus.WellBelowTarget => "Well below target",
        RagStatus.TooFewToShow => "Too few to show",
        _ => "None counted",
    };
}
