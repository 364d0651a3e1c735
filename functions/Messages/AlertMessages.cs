using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace CpAlerts.Functions.Messages;

/// <summary>
/// The Service Bus messages between the sweeps and delivery. They carry ids and rule facts only: the
/// delivery stage looks up names and addresses, so no personal data sits in queues or dead-letters.
/// </summary>
public static class MessageSchema
{
    public const int Version = 1;

    /// <summary>A deterministic id: the same logical message always gets the same id (duplicate detection, delivery dedupe).</summary>
    public static string IdFor(params string[] parts)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts)));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}

/// <summary>Who a message is for: a member of staff by id, or the configured fallback mailbox.</summary>
public sealed record MessageRecipient(
    [property: JsonPropertyName("staffId")] string? StaffId,
    [property: JsonPropertyName("fallback")] bool Fallback)
{
    /// <summary>A council mailbox named in settings rather than a person (the scorecard mailbox).</summary>
    [JsonPropertyName("mailbox")]
    public string? Mailbox { get; init; }

    [JsonIgnore]
    public string Key => Mailbox is { } m ? $"mailbox:{m}" : Fallback ? "fallback" : StaffId!;
}

/// <summary>One finding in a message. <see cref="StandingInFor"/> says whom the recipient is told instead of, and why.</summary>
public sealed record AlertItem(
    [property: JsonPropertyName("findingKey")] string FindingKey,
    [property: JsonPropertyName("rule")] string Rule,
    [property: JsonPropertyName("childId")] string ChildId,
    [property: JsonPropertyName("subjectId")] string SubjectId,
    [property: JsonPropertyName("dueDate")] string DueDate,
    [property: JsonPropertyName("dueAt")] string? DueAt,
    [property: JsonPropertyName("daysOverdue")] int DaysOverdue,
    [property: JsonPropertyName("level")] int Level,
    [property: JsonPropertyName("audience")] string Audience,
    [property: JsonPropertyName("standingInFor")] StandIn? StandingInFor);

/// <summary>The audience nobody could be found for, and why (e.g. SocialWorker, "no social worker allocated").</summary>
public sealed record StandIn(
    [property: JsonPropertyName("audience")] string Audience,
    [property: JsonPropertyName("reason")] string Reason);

/// <summary>To a manager, specialist or mailbox: the findings that newly reached a level adding them.</summary>
public sealed record EscalationMessage(
    [property: JsonPropertyName("schemaVersion")] int SchemaVersion,
    [property: JsonPropertyName("messageId")] string MessageId,
    [property: JsonPropertyName("council")] string Council,
    [property: JsonPropertyName("period")] string Period,
    [property: JsonPropertyName("recipient")] MessageRecipient Recipient,
    [property: JsonPropertyName("items")] IReadOnlyList<AlertItem> Items);

/// <summary>To a social worker: every finding for their children this week.</summary>
public sealed record DigestMessage(
    [property: JsonPropertyName("schemaVersion")] int SchemaVersion,
    [property: JsonPropertyName("messageId")] string MessageId,
    [property: JsonPropertyName("council")] string Council,
    [property: JsonPropertyName("weekOf")] string WeekOf,
    [property: JsonPropertyName("recipient")] MessageRecipient Recipient,
    [property: JsonPropertyName("items")] IReadOnlyList<AlertItem> Items);

/// <summary>To the health team: a child has entered care and needs an IHA booked.</summary>
public sealed record IhaRequestMessage(
    [property: JsonPropertyName("schemaVersion")] int SchemaVersion,
    [property: JsonPropertyName("messageId")] string MessageId,
    [property: JsonPropertyName("council")] string Council,
    [property: JsonPropertyName("childId")] string ChildId,
    [property: JsonPropertyName("enteredCare")] string EnteredCare,
    [property: JsonPropertyName("ihaDueDate")] string IhaDueDate,
    [property: JsonPropertyName("recipient")] MessageRecipient Recipient);

/// <summary>To the scorecard mailbox: a council's Corporate Parenting scorecard for the period ending on <see cref="PeriodEnd"/>.</summary>
public sealed record ScorecardMessage(
    [property: JsonPropertyName("schemaVersion")] int SchemaVersion,
    [property: JsonPropertyName("messageId")] string MessageId,
    [property: JsonPropertyName("council")] string Council,
    [property: JsonPropertyName("period")] string Period,
    [property: JsonPropertyName("periodEnd")] string PeriodEnd);

/// <summary>On the sweeps queue: evaluate one council (fan-out so a region scales out per council).</summary>
public sealed record SweepRequest(
    [property: JsonPropertyName("schemaVersion")] int SchemaVersion,
    [property: JsonPropertyName("council")] string Council,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("asOf")] string AsOf);
