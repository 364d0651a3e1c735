using CpAlerts.Functions.Messages;

namespace CpAlerts.Functions.Delivery;

/// <summary>
/// Tells the fallback mailbox that a message could not be delivered (ids and reason only), through the
/// same pipeline, under its own message id so it is sent once. A notice that cannot be sent yet answers
/// Retry, so the original message is retried rather than the notice lost.
/// </summary>
public sealed class UndeliverableNotice
{
    private Func<DeliveryEnvelope, CancellationToken, Task<DeliveryResult>>? _deliver;

    /// <summary>The pipeline the notice goes through (set once, where the pipeline is composed).</summary>
    public void SendThrough(Func<DeliveryEnvelope, CancellationToken, Task<DeliveryResult>> deliver) => _deliver = deliver;

    /// <summary>The notice's result; null when the undeliverable message was itself a notice (the logs carry that).</summary>
    public async Task<DeliveryResult?> ReportAsync(DeliveryEnvelope envelope, string reason, CancellationToken cancellationToken)
    {
        if (envelope.Kind == EmailKind.Undeliverable)
        {
            return null;
        }

        var notice = new DeliveryEnvelope(envelope.Council, MessageSchema.IdFor(envelope.MessageId, EmailKind.Undeliverable.Name()), EmailKind.Undeliverable, MessageRecipient.FallbackMailbox, "Fallback",
            (_, _) => Task.FromResult(EmailContent.Undeliverable(envelope.Kind, envelope.MessageId, envelope.Recipient.Key, reason)));
        var deliver = _deliver ?? throw new InvalidOperationException("UndeliverableNotice has no pipeline to send through");
        var result = await deliver(notice, cancellationToken);
        return result is DeliveryResult.Misconfigured misconfigured ? new DeliveryResult.Retry(misconfigured.Description) : result;
    }
}
