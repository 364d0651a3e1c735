using CpAlerts.Domain.Calendar;
using CpAlerts.Domain.Escalation;
using NodaTime;

namespace CpAlerts.Functions.Configuration;

/// <summary>What a sweep needs besides storage.</summary>
public sealed record SweepSettings(AlertPolicy Policy, WorkingCalendar Calendar, string FallbackMailbox)
{
    /// <summary>Health team mailboxes by the ICB a child is placed in (`CpAlerts__HealthTeams__<ICB>`); none by default.</summary>
    public HealthTeamMailboxes HealthTeams { get; init; } = HealthTeamMailboxes.None;

    /// <summary>Whether the weekly IHA request report goes out with the digests (`CpAlerts__Reports__IhaWeekly`, default true).</summary>
    public bool IhaWeeklyReport { get; init; } = true;

    public const string IhaWeeklyReportSetting = "CpAlerts:Reports:IhaWeekly";

    /// <summary>How large one message may be, and how long before an unconfirmed one is sent again (`CpAlerts__Messages__*`).</summary>
    public MessageOptions Messages { get; init; } = MessageOptions.Default;

    public static SweepSettings Default(string fallbackMailbox) =>
        new(AlertPolicy.Default, WorkingCalendar.EnglandAndWales, fallbackMailbox);
}
