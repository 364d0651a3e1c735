namespace CpAlerts.Domain.Scorecards;

/// <summary>The band a figure falls in, said in words on every page (never by colour alone).</summary>
public enum RagStatus
{
    /// <summary>Nobody to count, so no percentage.</summary>
    NoData,

    /// <summary>Below the "good" band (below 70% by default).</summary>
    RequiresImprovement,

    /// <summary>At least the "good" band, below "outstanding" (70–79% by default).</summary>
    Good,

    /// <summary>At or above the "outstanding" band (80% and over by default).</summary>
    Outstanding,
}

/// <summary>Targets and bands; a council may change them. Defaults: target 80%; below 70% requires improvement; 70–79% good; 80%+ outstanding.</summary>
/// <param name="Target">The percentage the council aims for, shown beside each figure.</param>
/// <param name="GoodFrom">The lowest percentage that is good.</param>
/// <param name="OutstandingFrom">The lowest percentage that is outstanding.</param>
public sealed record ScorecardPolicy(double Target = 80, double GoodFrom = 70, double OutstandingFrom = 80)
{
    /// <summary>The default target and bands.</summary>
    public static ScorecardPolicy Default { get; } = new();

    /// <summary>The band a percentage falls in; no data when there is no percentage.</summary>
    public RagStatus StatusOf(double? percent) => percent switch
    {
        null => RagStatus.NoData,
        >= 0 when percent >= OutstandingFrom => RagStatus.Outstanding,
        >= 0 when percent >= GoodFrom => RagStatus.Good,
        _ => RagStatus.RequiresImprovement,
    };

    /// <summary>The band of a percentage, in words.</summary>
    public string WordsFor(double? percent) => Words(StatusOf(percent));

    /// <summary>A band in words, e.g. "Requires improvement".</summary>
    public static string Words(RagStatus status) => status switch
    {
        RagStatus.Outstanding => "Outstanding",
        RagStatus.Good => "Good",
        RagStatus.RequiresImprovement => "Requires improvement",
        _ => "No data",
    };
}
