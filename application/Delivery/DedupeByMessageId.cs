using CpAlerts.Application.Messages;
using CpAlerts.Application.Ports;
using NodaTime;

namespace CpAlerts.Application.Delivery;

/// <summary>
/// Dedupe: claims the message id in the delivery log, so two deliveries of one message send once. Sent
/// before → a duplicate; failed before → its fallback notice is made sure of; being sent by another
/// invocation → retry later.
/// </summary>
public sealed class DedupeByMessageId(IDeliveryLog log, UndeliverableNotice notice, IClock clock, IDeliveryMeter meter) : IDeliveryStage
{
    public async Task<StageResult> RunAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        var envelope = delivery.Envelope;
        var claim = await log.BeginAsync(envelope.Council, envelope.MessageId, envelope.Kind.Name(), clock.GetCurrentInstant(), cancellationToken);
        var result = claim.Outcome switch
        {
            DeliveryClaim.Decision.AlreadySent => Done(new DeliveryResult.Duplicate($"message {envelope.MessageId} was already sent")),
            // The fallback notice may be what failed last time: try it again (it has its own id, so it is sent once).
            DeliveryClaim.Decision.AlreadyFailed => Done(await notice.ReportAsync(envelope, claim.Detail ?? "refused", cancellationToken) is DeliveryResult.Retry retry
                ? retry
                : new DeliveryResult.Duplicate($"message {envelope.MessageId} was already handled (undeliverable, reported)")),
            DeliveryClaim.Decision.InProgressElsewhere => Done(new DeliveryResult.Retry($"message {envelope.MessageId} is being delivered by another invocation")),
            _ => (StageResult)new StageResult.HandOn(delivery with { Claim = claim }),
        };
        if (result is StageResult.Done { Result: DeliveryResult.Duplicate })
        {
            meter.Counted(envelope.Kind, DeliveryOutcome.Duplicate);
        }

        return result;
    }

    private static StageResult.Done Done(DeliveryResult result) => new(result);
}
