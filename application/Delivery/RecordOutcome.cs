using CpAlerts.Application.Ports;
using NodaTime;

namespace CpAlerts.Application.Delivery;

/// <summary>
/// Record: the send's outcome in the delivery log, and what it means. A refused address, or a passing failure at
/// the last attempt, is recorded as failed and reported to the fallback mailbox (if that report cannot go yet, the
/// message is retried);
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
            case SendOutcome.Transient transient when !delivery.Envelope.FinalAttempt:
                await log.RecordAsync(claim, DeliveryStatus.Retry, transient.Description, now, cancellationToken);
                return Done(new DeliveryResult.Retry(transient.Description));
            case SendOutcome.Misconfigured misconfigured:
                await log.RecordAsync(claim, DeliveryStatus.Retry, misconfigured.Description, now, cancellationToken);
                return Done(new DeliveryResult.Misconfigured(misconfigured.Description));
            default:
                // Refused for good, or still failing at the last attempt the retry schedule allows.
                var why = outcome is SendOutcome.Transient ? $"the mail service could not take it at any attempt ({outcome.Description})" : outcome.Description;
                await log.RecordAsync(claim, DeliveryStatus.Failed, why, now, cancellationToken);
                meter.Counted(delivery.Envelope.Kind, DeliveryOutcome.Failed);
                return Done(await notice.ReportAsync(delivery.Envelope, why, cancellationToken) is DeliveryResult.Retry retry
                    ? retry
                    : new DeliveryResult.Failed(why));
        }
    }

    private static StageResult.Done Done(DeliveryResult result) => new(result);
}
