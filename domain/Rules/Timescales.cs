using NodaTime;

namespace CpAlerts.Domain.Rules;

/// <summary>The timescales the rules measure against; each one a council may change in configuration.</summary>
public sealed record Timescales
{
    /// <summary>Working days after entering care by which the IHA must be requested (default 5).</summary>
    public int IhaRequestWorkingDays { get; init; } = 5;

    /// <summary>Working days after entering care by which the IHA must be done (default 20).</summary>
    public int IhaCompletionWorkingDays { get; init; } = 20;

    /// <summary>Months from the last dental check (or entering care) to the next one being due (default 12).</summary>
    public int DentalCheckIntervalMonths { get; init; } = 12;

    /// <summary>Months after entering care by which a review must record a plan for permanence (default 4).</summary>
    public int PermanenceReviewMonths { get; init; } = 4;

    /// <summary>How soon after a missing child returns a return home interview must be offered (default 72 hours).</summary>
    public Duration ReturnInterviewWithin { get; init; } = Duration.FromHours(72);

    /// <summary>Months from the latest health assessment to the review, for a child under <see cref="ReviewHealthAssessmentAgeYears"/> on that date (default 6).</summary>
    public int ReviewHealthAssessmentYoungMonths { get; init; } = 6;

    /// <summary>Months from the latest health assessment to the review, for an older child (default 12).</summary>
    public int ReviewHealthAssessmentMonths { get; init; } = 12;

    /// <summary>The age, in years, below which reviews are more frequent (default 5).</summary>
    public int ReviewHealthAssessmentAgeYears { get; init; } = 5;

    /// <summary>A finding not yet overdue is news only when due within this many days.</summary>
    public int DueSoonWindowDays { get; init; } = 14;

    /// <summary>The defaults of RULES.md.</summary>
    public static Timescales Default { get; } = new();
}
