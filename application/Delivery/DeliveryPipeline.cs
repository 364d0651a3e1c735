using CpAlerts.Application.Configuration;
using CpAlerts.Application.Ports;
using NodaTime;

namespace CpAlerts.Application.Delivery;

/// <summary>
/// One email's way out, as a list of stages run in order (Alertmanager's notify pipeline): resolve the
/// recipient → dedupe by message id → render → send → record. The standard list is composed in
/// <see cref="Standard"/>, the one place a stage is added.
/// </summary>
public sealed class DeliveryPipeline(IReadOnlyList<IDeliveryStage> stages, IDeliveryLog log, IClock clock)
{
    /// <summary>The standard stages over the given ports.</summary>
    public static DeliveryPipeline Standard(ICaseloadReader caseload, IDeliveryLog log, IEmailRenderer templates, IEmailSender sender, DeliverySettings settings, IClock clock,
        IDeliveryMeter? meter = null)
    {
        var notice = new UndeliverableNotice(caseload);
        var pipeline = new DeliveryPipeline(
            [
                new ResolveRecipient(caseload, settings),
                new DedupeByMessageId(log, notice, clock, meter ?? IDeliveryMeter.None),
                new RenderEmail(templates),
                new SendEmail(sender),
                new RecordOutcome(log, notice, clock, meter ?? IDeliveryMeter.None),
            ], log, clock);
        notice.SendThrough(pipeline.DeliverAsync);
        return pipeline;
    }

    public IReadOnlyList<IDeliveryStage> Stages => stages;

    public async Task<DeliveryResult> DeliverAsync(DeliveryEnvelope envelope, CancellationToken cancellationToken)
    {
        var delivery = new Delivery(envelope);
        foreach (var stage in stages)
        {
            StageResult result;
            try
            {
                result = await stage.RunAsync(delivery, cancellationToken);
            }
            catch (Exception e) when (delivery is { Claim: { } claim, Outcome: null } && stage is not SendEmail)
            {
                // Claimed, and nothing was sent: release the claim, or every redelivery would find it "sending"
                // until the lease ran out and the message would use up its deliveries without a real try.
                await log.RecordAsync(claim, DeliveryStatus.Retry, $"failed before sending ({e.GetType().Name})", clock.GetCurrentInstant(), CancellationToken.None);
                throw;
            }

            switch (result)
            {
                case StageResult.Done done:
                    return done.Result;
                case StageResult.HandOn next:
                    delivery = next.Delivery;
                    break;
            }
        }

        throw new InvalidOperationException("the delivery pipeline ended without a result: its last stage must decide");
    }
}
