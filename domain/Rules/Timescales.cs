using NodaTime;

namespace CpAlerts.Domain.Rules;

/// <summary>The timescales the rules measure against; each one a council may change in configuration.</summary>
public sealed record Timescales
{
    public int IhaRequestWorkingDays { get; init; } = 5;
    public int IhaCompletionWorkingDays { get; init; } = 20;
    public int DentalCheckIntervalMonths { get; init; } = 12;
    public int PermanenceReviewMonths { get; init; } = 4;
    public Duration ReturnInterviewWithin { get; init; } = Duration.FromHours(72);

    /// <summary>A finding not yet overdue is news only when due within this many days.</summary>
    public int DueSoonWindowDays { get; init; } = 14;

    public static Timescales Default { get; } = new();
}
