using System.Diagnostics;
using System.Diagnostics.Metrics;
using CpAlerts.Application.Delivery;
using CpAlerts.Application.Messages;
using CpAlerts.Domain.Escalation;
using CpAlerts.Domain.Rules;

namespace CpAlerts.Adapters.Telemetry;

/// <summary>
/// The handler's own work as metrics: sweeps completed and their duration, findings by rule and level, emails
/// by outcome, records imported, rejected and removed, imports held back, rows purged. Application Insights
/// keeps each in customMetrics under the instrument's name with the attributes as customDimensions; the alerts
/// and workbook in infra-bicep/modules/alerts.bicep query those names, so renaming one is a breaking change.
/// Attributes are codes only (council code, rule code, level, kind, outcome, table): never a child, a member
/// of staff, an address or an id (TelemetryPrivacyTests checks).
/// </summary>
public static class HandlerMetrics
{
    public const string MeterName = "CpAlerts";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> SweepsCompleted = Meter.CreateCounter<long>("cpalerts.sweep.completed", "{sweep}", "Council sweeps completed");
    private static readonly Histogram<double> SweepDuration = Meter.CreateHistogram<double>("cpalerts.sweep.duration", "s", "How long a council's sweep took");
    private static readonly Counter<long> FindingsCount = Meter.CreateCounter<long>("cpalerts.findings", "{finding}", "Open findings seen by the daily sweep, by rule and level");
    private static readonly Counter<long> Emails = Meter.CreateCounter<long>("cpalerts.emails", "{email}", "Emails sent, failed or found already sent");
    private static readonly Counter<long> RecordsImported = Meter.CreateCounter<long>("cpalerts.records.imported", "{row}", "Rows written by an import");
    private static readonly Counter<long> RecordsRejected = Meter.CreateCounter<long>("cpalerts.records.rejected", "{row}", "Export rows rejected by an import");
    private static readonly Counter<long> RecordsRemoved = Meter.CreateCounter<long>("cpalerts.records.removed", "{row}", "Stored rows removed because the export no longer lists them");
    private static readonly Counter<long> ImportsHeldBack = Meter.CreateCounter<long>("cpalerts.imports.held_back", "{import}", "Imports whose removals were held back");
    private static readonly Counter<long> RowsPurged = Meter.CreateCounter<long>("cpalerts.retention.purged", "{row}", "Rows deleted past their retention");

    /// <summary>One council's sweep of a kind ("daily", "digest", "scorecard") completed: the daily one is the heartbeat the 07:30 alert waits for.</summary>
    public static void SweepCompleted(string council, string sweep, TimeSpan took)
    {
        var tags = new TagList { { "council", council }, { "sweep", sweep } };
        SweepsCompleted.Add(1, tags);
        SweepDuration.Record(took.TotalSeconds, tags);
    }

    public static void Findings(string council, IReadOnlyDictionary<(RuleId Rule, EscalationLevel Level), int> counts)
    {
        foreach (var ((rule, level), count) in counts)
        {
            FindingsCount.Add(count, new TagList { { "council", council }, { "rule", rule.Code() }, { "level", LevelCode(level) } });
        }
    }

    /// <summary>How one email ended, counted where the delivery pipeline decides it (<see cref="IDeliveryMeter"/>).</summary>
    public static void Email(EmailKind kind, DeliveryOutcome outcome) =>
        Emails.Add(1, new TagList { { "kind", kind.Name() }, { "outcome", outcome switch
        {
            DeliveryOutcome.Sent => "sent",
            DeliveryOutcome.Failed => "failed",
            DeliveryOutcome.Duplicate => "duplicate",
            _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
        } } });

    public static void Imported(string council, long written, long rejected, long removed, bool heldBack)
    {
        var tags = new TagList { { "council", council } };
        RecordsImported.Add(written, tags);
        RecordsRejected.Add(rejected, tags);
        RecordsRemoved.Add(removed, tags);
        if (heldBack)
        {
            ImportsHeldBack.Add(1, tags);
        }
    }

    public static void Purged(string table, long rows) => RowsPurged.Add(rows, new TagList { { "table", table } });

    private static string LevelCode(EscalationLevel level) => level switch
    {
        EscalationLevel.DueSoon => "due-soon",
        EscalationLevel.Overdue => "overdue",
        EscalationLevel.Escalated => "escalated",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };
}
