using CpAlerts.Application.Messages;
using CpAlerts.Application.Wording;

namespace CpAlerts.Application.Delivery;

/// <summary>The notice of an email that could not be delivered: what the template sees.</summary>
public sealed partial class EmailContent
{
    /// <summary>An undeliverable notice: what could not be delivered to whom, why, and its items by case reference.</summary>
    public static Dictionary<string, object?> Undeliverable(EmailKind kind, string messageId, string recipientName, string intended, string? address, string reason, string why,
        IReadOnlyList<MissedItem> items) => new()
    {
        ["recipient_name"] = recipientName,
        ["kind"] = kind.Words(),
        ["a_kind"] = $"{("aeiou".Contains(kind.Words()[0], StringComparison.Ordinal) ? "an" : "a")} {kind.Words()}",
        ["address"] = address,
        ["message_id"] = messageId,
        ["intended"] = intended,
        ["reason"] = reason,
        ["why"] = why,
        ["items"] = items.Select(i => Row(("reference", i.ChildReference), ("what", i.What), ("when", i.When))).ToList(),
        ["count"] = CountWords.Count(items.Count, "item", "items"),
    };
}
