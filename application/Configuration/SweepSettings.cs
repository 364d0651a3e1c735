using CpAlerts.Domain.Calendar;
using CpAlerts.Domain.Rules;

namespace CpAlerts.Application.Configuration;

/// <summary>What a sweep needs besides storage.</summary>
public sealed record SweepSettings(AlertPolicy Policy, WorkingCalendar Calendar, string FallbackMailbox)
{
    /// <summary>Health team mailboxes by the ICB a child is placed in (`CpAlerts__HealthTeams__<ICB>`); none by default.</summary>
    public HealthTeamMailboxes HealthTeams { get; init; } = HealthTeamMailboxes.None;

    /// <summary>Whether the weekly IHA request report goes out with the digests (`CpAlerts__Reports__IhaWeekly`, default true).</summary>
    public bool IhaWeeklyReport { get; init; } = true;

    public const string IhaWeeklyReportSetting = "CpAlerts:Reports:IhaWeekly";

    /// <summary>
    /// How far past the host's clock (sys.UtcNow) a sweep message's as-of may be (`CpAlerts__Sweep__FutureSkewMinutes`,
    /// 10): a timer may fire a little early, but a message dated later would be honoured now and then silence every
    /// real sweep until its date ("older than the latest completed sweep").
    /// </summary>
    public NodaTime.Duration FutureSkew { get; init; } = NodaTime.Duration.FromMinutes(DefaultFutureSkewMinutes);

    public const string FutureSkewSetting = "CpAlerts:Sweep:FutureSkewMinutes";
    public const int DefaultFutureSkewMinutes = 10;

    /// <summary>How large one message may be, and how long before an unconfirmed one is sent again (`CpAlerts__Messages__*`).</summary>
    public MessageOptions Messages { get; init; } = MessageOptions.Default;

    public static SweepSettings Default(string fallbackMailbox) =>
        new(AlertPolicy.Default, WorkingCalendar.EnglandAndWales, fallbackMailbox);
}
