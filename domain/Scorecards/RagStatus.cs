namespace CpAlerts.Domain.Scorecards;

/// <summary>The band a figure falls in, said in words on every page (never by colour alone).</summary>
public enum RagStatus
{
    NoData,
    RequiresImprovement,
    Good,
    Outstanding,
}

/// <summary>Targets and bands; a council may change them. Defaults: target 80%; below 70% requires improvement; 70–79% good; 80%+ outstanding.</summary>
public sealed record ScorecardPolicy(double Target = 80, double GoodFrom = 70, double OutstandingFrom = 80)
{
    public static ScorecardPolicy Default { get; } = new();

    public RagStatus StatusOf(double? percent) => percent switch
    {
        null => RagStatus.NoData,
        >= 0 when percent >= OutstandingFrom => RagStatus.Outstanding,
        >= 0 when percent >= GoodFrom => RagStatus.Good,
        _ => RagStatus.RequiresImprovement,
    };

    /// <summary>The band of a percentage, in words.</summary>
    public string WordsFor(double? percent) => Words(StatusOf(percent));

    public static string Words(RagStatus status) => status switch
    {
        RagStatus.Outstanding => "Outstanding",
        RagStatus.Good => "Good",
        RagStatus.RequiresImprovement => "Requires improvement",
        _ => "No data",
    };
}
