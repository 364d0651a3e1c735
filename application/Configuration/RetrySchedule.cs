using Microsoft.Extensions.Configuration;

namespace CpAlerts.Application.Configuration;

/// <summary>
/// How an email the mail service could not take for a passing reason is tried again: up to <see cref="Attempts"/>
/// attempts in all, the waits between them doubling from <see cref="FirstDelay"/> up to <see cref="MaxDelay"/>
/// (`CpAlerts__Delivery__RetryFirstDelaySeconds`, `__RetryMaxDelayMinutes`, `__RetryAttempts`). Each wait is a copy
/// of the message scheduled on Service Bus, so no invocation holds a lock while it waits.
/// </summary>
public sealed record RetrySchedule(TimeSpan FirstDelay, TimeSpan MaxDelay, int Attempts)
{
    public const string FirstDelaySetting = "CpAlerts:Delivery:RetryFirstDelaySeconds";
    public const string MaxDelaySetting = "CpAlerts:Delivery:RetryMaxDelayMinutes";
    public const string AttemptsSetting = "CpAlerts:Delivery:RetryAttempts";

    /// <summary>1, 2, 4, 8, 16, 30, 30, 30, 30 minutes: ten attempts over 2 h 31 min, so a mail-service outage of two hours loses nothing.</summary>
    public static RetrySchedule Default { get; } = new(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(30), 10);

    /// <summary>The wait after attempt <paramref name="attempt"/> (1-based) failed.</summary>
    public TimeSpan DelayAfter(int attempt) =>
        TimeSpan.FromTicks((long)Math.Min(FirstDelay.Ticks * Math.Pow(2, Math.Min(attempt - 1, 40)), MaxDelay.Ticks));

    /// <summary>From the first attempt to the last: what an outage must outlast to reach the fallback mailbox.</summary>
    public TimeSpan Span => TimeSpan.FromTicks(Enumerable.Range(1, Attempts - 1).Sum(a => DelayAfter(a).Ticks));

    public static RetrySchedule Read(IConfiguration configuration)
    {
        var d = Default;
        var first = SettingNumbers.Decimal(configuration, FirstDelaySetting, d.FirstDelay.TotalSeconds, 1, 3600, "must be a number of seconds from 1 to 3600");
        var max = SettingNumbers.Decimal(configuration, MaxDelaySetting, d.MaxDelay.TotalMinutes, 1, 1440, "must be a number of minutes from 1 to 1440");
        var attempts = SettingNumbers.Whole(configuration, AttemptsSetting, d.Attempts, 1, 50, "must be a whole number from 1 to 50");
        return new RetrySchedule(TimeSpan.FromSeconds(first), TimeSpan.FromMinutes(Math.Max(max, first / 60)), attempts);
    }
}
