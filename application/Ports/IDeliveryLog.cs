using NodaTime;

namespace CpAlerts.Application.Ports;

/// <summary>
/// One record per message id, written before and after the send: the first write is the dedupe (two
/// deliveries of one message send once). The one gap: a crash after the mail service accepted an email
/// and before "sent" was recorded; after the lease, the redelivered message is sent again.
/// </summary>
public interface IDeliveryLog
{
    Task<DeliveryClaim> BeginAsync(string council, string messageId, string kind, Instant now, CancellationToken cancellationToken);

    Task RecordAsync(DeliveryClaim claim, string status, string detail, Instant now, CancellationToken cancellationToken);

    /// <summary>The message's recorded status (<see cref="DeliveryStatus"/>), or null when delivery has never seen it.</summary>
    Task<string?> StatusAsync(string council, string messageId, CancellationToken cancellationToken = default);
}

/// <summary>The statuses a delivery record moves through.</summary>
public static class DeliveryStatus
{
    public const string Sending = "sending", Sent = "sent", Failed = "failed", Retry = "retry";
}
