using CpAlerts.Application.Messages;

namespace CpAlerts.Application.Delivery;

/// <summary>
/// Counts each email's outcome for the operator, where the outcome is decided: sent and failed when the record stage
/// writes them (once per message: the claim is granted once), duplicate when dedupe finds the message already handled.
/// Counting the invocation's answer instead would miss a failure whose fallback notice had to be retried: the
/// retry finds it already failed and answers "duplicate".
/// </summary>
public interface IDeliveryMeter
{
    void Counted(EmailKind kind, DeliveryOutcome outcome);

    /// <summary>Counts nothing (tests, and the command line's own deliveries).</summary>
    public static IDeliveryMeter None { get; } = new NoMeter();

    private sealed class NoMeter : IDeliveryMeter
    {
        public void Counted(EmailKind kind, DeliveryOutcome outcome)
        {
        }
    }
}

/// <summary>How one email ended, as the operator's metrics count it.</summary>
public enum DeliveryOutcome
{
    Sent,
    Failed,
    Duplicate,
}
