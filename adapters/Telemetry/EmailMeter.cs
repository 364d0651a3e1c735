using CpAlerts.Application.Delivery;
using CpAlerts.Application.Messages;

namespace CpAlerts.Adapters.Telemetry;

/// <summary>The delivery pipeline's outcomes as the `cpalerts.emails` metric.</summary>
public sealed class EmailMeter : IDeliveryMeter
{
    public void Counted(EmailKind kind, DeliveryOutcome outcome) => HandlerMetrics.Email(kind, outcome);
}
