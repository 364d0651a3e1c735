using CpAlerts.Functions.Ports;
using NodaTime;

namespace CpAlerts.Functions.Delivery;

/// <summary>
/// Record: the send's outcome in the delivery log, and what it means. A refused address is recorded as
/// failed and reported to the fallback mailbox (if that report cannot go yet, the message is retried);
/// a refused key is our configuration, recorded for retry, never as failed.
/// </summary>
public sealed class RecordOutcome(IDeliveryLog log, UndeliverableNotice notice, IClock clock, IDeliveryMeter meter) : IDeliveryStage
{
    public async Task<StageResult> RunAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        var claim = delivery.Claim ?? throw new InvalidOperationException("record before dedupe");
        var outcome = delivery.Outcome ?? throw new InvalidOperationException("record before send");
        var now = clock.GetCurrentInstant();
        switch (outcome)
        {
            case SendOutcome.Sent sent:
                await log.RecordAsync(claim, DeliveryStatus.Sent, sent.Description, now, cancellationToken);
                meter.Counted(delivery.Envelope.Kind, DeliveryOutcome.Sent);
                return Done(new DeliveryResult.Delivered(sent.Description));
            case SendOutcome.Transient transient:
                await log.RecordAsync(claim, DeliveryStatus.Retry, transient.Description, now, cancellationToken);
                return Done(new DeliveryResult.Retry(transient.Description));
            case SendOutcome.Misconfigured misconfigured:
                await log.RecordAsync(claim, DeliveryStatus.Retry, misconfigured.Description, now, cancellationToken);
                return Done(new DeliveryResult.Misconfigured(misconfigured.Description));
            default:
                await log.RecordAsync(claim, DeliveryStatus.Failed, outcome.Description, now, cancellationToken);
                meter.Counted(delivery.Envelope.Kind, DeliveryOutcome.Failed);
                return Done(await notice.ReportAsync(delivery.Envelope, outcome.Description, cancellationToken) is DeliveryResult.Retry retry
                    ? retry
                    : new DeliveryResult.Failed(outcome.Description));
        }
    }

    private static StageResult.Done Done(DeliveryResult result) => new(result);
}
