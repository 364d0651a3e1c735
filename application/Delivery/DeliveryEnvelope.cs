using CpAlerts.Application.Messages;
using CpAlerts.Application.Ports;

namespace CpAlerts.Application.Delivery;

/// <summary>Everything delivery needs to know about a message, whatever its kind.</summary>
public sealed record DeliveryEnvelope(string Council, string MessageId, EmailKind Kind, MessageRecipient Recipient, EmailAudience Audience,
    Func<string, CancellationToken, Task<Dictionary<string, object?>>> Model)
{
    public Func<CancellationToken, Task<IReadOnlyList<EmailAttachment>>>? Attachments { get; init; }

    /// <summary>What the email tells, by case reference: repeated to a stand-in if it cannot be delivered.</summary>
    public IReadOnlyList<MissedItem> Items { get; init; } = [];

    /// <summary>The last attempt the retry schedule allows: a passing failure now counts as undeliverable (reported, not retried).</summary>
    public bool FinalAttempt { get; init; }
}
