using Microsoft.Extensions.Configuration;
using NodaTime;

namespace CpAlerts.Application.Configuration;

/// <summary>
/// How long operational rows are kept (`CpAlerts__Retention__ClosedFindingsDays`, `__DeliveriesDays`,
/// `__ImportRunsDays`, `__AcknowledgementsDays`); defaults and reasons in docs/security.md, "Retention". Records of
/// children are not touched: they are kept as long as the council's export lists them.
/// </summary>
public sealed record RetentionOptions(Duration ClosedFindings, Duration Deliveries, Duration ImportRuns)
{
    /// <summary>
    /// "In hand" records and their audit (who said what, when), which may hold a reason typed as free text: kept as long
    /// as the delivery records they explain, then deleted by the same daily purge.
    /// </summary>
    public Duration Acknowledgements { get; init; } = Duration.FromDays(DefaultDays);

    public const string Section = "CpAlerts:Retention";

    /// <summary>13 months: a board's reporting year and the quarter after it, to answer "was this sent, and when?".</summary>
    public const int DefaultDays = 400;

    public static RetentionOptions Default { get; } = new(Duration.FromDays(DefaultDays), Duration.FromDays(DefaultDays), Duration.FromDays(DefaultDays));

    public static RetentionOptions Read(IConfiguration configuration)
    {
        Duration Days(string key) => Duration.FromDays(SettingNumbers.Whole(configuration, $"{Section}:{key}", DefaultDays, 30, 3650, "must be a whole number of days from 30 to 3650"));
        return new RetentionOptions(Days("ClosedFindingsDays"), Days("DeliveriesDays"), Days("ImportRunsDays")) { Acknowledgements = Days("AcknowledgementsDays") };
    }
}
