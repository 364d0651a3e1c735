using Microsoft.Extensions.Configuration;
using NodaTime;

namespace CpAlerts.Application.Configuration;

/// <summary>
/// The messages a sweep hands to the host (`CpAlerts__Messages__*`): how large one may be, and how long the sweep
/// waits for delivery to record a message before a later sweep sends it again.
/// </summary>
public sealed record MessageOptions(int BudgetBytes, Duration RedriveGrace)
{
    public const string Section = "CpAlerts:Messages";
    public const string BudgetSetting = Section + ":BudgetKB";
    public const string RedriveGraceSetting = Section + ":RedriveGraceMinutes";

    /// <summary>
    /// 192 KB: Service Bus Standard refuses a message over 256 KB, and that counts the system and application
    /// properties as well as the body ("Service Bus quotas": "Maximum message size … 256 KB for Standard tier … The
    /// message size includes the size of properties (system and user) and the size of payload"); the rest is headroom
    /// for what the host and the SDK add. Premium namespaces take larger messages; the budget may be raised, but not
    /// past what one outbox row holds (a Table entity is at most 1 MiB).
    /// </summary>
    public const int DefaultBudgetKB = 192, MaxBudgetKB = 900, MinBudgetKB = 8;

    /// <summary>Two hours: far more than a healthy delivery takes, far less than the day between daily sweeps.</summary>
    public const int DefaultGraceMinutes = 120;

    public static MessageOptions Default { get; } = new(DefaultBudgetKB * 1024, Duration.FromMinutes(DefaultGraceMinutes));

    public static MessageOptions Read(IConfiguration configuration) => new(
        SettingNumbers.Whole(configuration, BudgetSetting, DefaultBudgetKB, MinBudgetKB, MaxBudgetKB, $"must be a whole number of KB from {MinBudgetKB} to {MaxBudgetKB} (Service Bus Standard takes at most 256 KB)") * 1024,
        Duration.FromMinutes(SettingNumbers.Whole(configuration, RedriveGraceSetting, DefaultGraceMinutes, 1, 1440, "must be a whole number of minutes from 1 to 1440")));
}
