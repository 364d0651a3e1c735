namespace CpAlerts.Application.Ports;

/// <summary>What the delivery log decided about a message id: send it, or it was handled, or someone else is sending it.</summary>
public sealed record DeliveryClaim(DeliveryClaim.Decision Outcome, string PartitionKey, string RowKey, int Attempts)
{
    /// <summary>What was recorded last time (for a failed message: why), when the message was seen before.</summary>
    public string? Detail { get; init; }

    public enum Decision
    {
        Send,
        AlreadySent,
        AlreadyFailed,
        InProgressElsewhere,
    }
}
