namespace CpAlerts.Functions.Configuration;

/// <summary>How a delivery that failed for a passing reason is retried inside one invocation: first delay (doubling), longest delay, total waiting.</summary>
public sealed record BackOffOptions(TimeSpan FirstDelay, TimeSpan MaxDelay, TimeSpan Budget)
{
    public const string FirstDelaySetting = "CpAlerts:Delivery:RetryFirstDelaySeconds";
    public const string BudgetSetting = "CpAlerts:Delivery:RetryBudgetSeconds";

    public static readonly BackOffOptions Default = new(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(240));
}
