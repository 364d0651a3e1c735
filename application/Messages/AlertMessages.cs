using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using CpAlerts.Domain.Escalation;
using CpAlerts.Domain.Rules;
using NodaTime;

namespace CpAlerts.Application.Messages;

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

/// <summary>What every message a sweep hands to the host carries: its own id (delivery's dedupe key) and its council.</summary>
public interface ISweepMessage
{
    string MessageId { get; }

    string Council { get; }
}

/// <summary>
/// Who a message is for, one of exactly four: a member of staff by id, the configured fallback mailbox,
/// the scorecard mailbox, or an ICB's health team mailbox. Anything else on the wire is a poison message (<see cref="RecipientConverter"/>).
/// </summary>
[JsonConverter(typeof(RecipientConverter))]
public abstract record MessageRecipient
{
    public const string ScorecardMailboxName = "scorecard";

    public static MessageRecipient FallbackMailbox { get; } = new ToFallback();

    public static MessageRecipient ScorecardMailbox { get; } = new ToScorecardMailbox();

    /// <summary>The staff id, for a person; null for a mailbox.</summary>
    public virtual string? StaffId => null;

    public bool Fallback => this is ToFallback;

    /// <summary>The mailbox's name, for a council mailbox named in settings.</summary>
    public string? Mailbox => this is ToScorecardMailbox ? ScorecardMailboxName : null;

    /// <summary>The ICB code, for the health team mailbox of the ICB a child is placed in (`CpAlerts__HealthTeams__<ICB>`).</summary>
    public virtual string? HealthTeamIcb => null;

    public static MessageRecipient HealthTeam(string icb) => new ToHealthTeam(icb);

    /// <summary>A stable key for ids and file names: the staff id, "fallback", "mailbox:scorecard" or "healthteam:QYG".</summary>
    public abstract string Key { get; }

    public static MessageRecipient Staff(string staffId) => new ToStaff(staffId);

    private sealed record ToStaff(string Id) : MessageRecipient
    {
        public override string? StaffId => Id;

        public override string Key => Id;
    }

    private sealed record ToHealthTeam(string Icb) : MessageRecipient
    {
        public override string? HealthTeamIcb => Icb;

        public override string Key => $"healthteam:{Icb}";
    }

    private sealed record ToFallback : MessageRecipient
    {
        public override string Key => "fallback";
    }

    private sealed record ToScorecardMailbox : MessageRecipient
    {
        public override string Key => $"mailbox:{ScorecardMailboxName}";
    }
}

/// <summary>One finding in a message. <see cref="StandingInFor"/> says whom the recipient is told instead of, and why.</summary>
public sealed record AlertItem(
    [property: JsonPropertyName("findingKey")] string FindingKey,
    [property: JsonPropertyName("rule"), JsonConverter(typeof(RuleCodeConverter))] RuleId Rule,
    [property: JsonPropertyName("childId")] string ChildId,
    [property: JsonPropertyName("subjectId")] string SubjectId,
    [property: JsonPropertyName("dueDate"), JsonConverter(typeof(IsoDateConverter))] LocalDate DueDate,
    [property: JsonPropertyName("dueAt"), JsonConverter(typeof(IsoInstantConverter))] Instant? DueAt,
    [property: JsonPropertyName("daysOverdue")] int DaysOverdue,
    [property: JsonPropertyName("level"), JsonConverter(typeof(LevelConverter))] EscalationLevel Level,
    [property: JsonPropertyName("audience"), JsonConverter(typeof(EnumNameConverter<Audience>))] Audience Audience,
    [property: JsonPropertyName("standingInFor")] StandIn? StandingInFor)
{
    /// <summary>For an exact deadline (a return home interview), whole hours past it when the sweep ran (absent: measured in days).</summary>
    [JsonPropertyName("hoursOverdue"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? HoursOverdue { get; init; }

    /// <summary>In a digest: not in last week's (absent: false).</summary>
    [JsonPropertyName("new"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool New { get; init; }

    /// <summary>Someone has said the item is in hand (absent: nobody has); lapsed when its date is before the message's.</summary>
    [JsonPropertyName("inHand"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public InHandNote? InHand { get; init; }
}

/// <summary>
/// "In hand until <see cref="Until"/>, by <see cref="ByStaffId"/>: <see cref="Reason"/>" — ids and a reason code only; delivery
/// looks the name up. The words of an "other" reason stay in the team view: they are never in a queue or an email.
/// </summary>
public sealed record InHandNote(
    [property: JsonPropertyName("until"), JsonConverter(typeof(IsoDateConverter))] LocalDate Until,
    [property: JsonPropertyName("by")] string ByStaffId,
    [property: JsonPropertyName("reason")] string Reason);

/// <summary>The audience nobody could be found for, and why (e.g. SocialWorker, "no social worker allocated").</summary>
public sealed record StandIn(
    [property: JsonPropertyName("audience"), JsonConverter(typeof(EnumNameConverter<Audience>))] Audience Audience,
    [property: JsonPropertyName("reason")] string Reason);

/// <summary>Why an <see cref="EscalationMessage"/> is sent, which decides its email.</summary>
public enum AlertPurpose
{
    /// <summary>To a manager, specialist or mailbox: findings that newly reached a level adding them.</summary>
    Escalation,

    /// <summary>To a social worker: short timescales (return home interviews, IHA requests) that became due soon or overdue today, which the weekly digest would bring too late.</summary>
    SameDay,

    /// <summary>
    /// The council's first sweep: to each manager, head of service and specialist, one summary of every existing
    /// item they would have been told about, instead of an email per historic breach.
    /// </summary>
    Baseline,
}

/// <summary>Findings for one recipient from one daily sweep; <see cref="Purpose"/> says which email it becomes.</summary>
public sealed record EscalationMessage(
    [property: JsonPropertyName("schemaVersion")] int SchemaVersion,
    [property: JsonPropertyName("messageId")] string MessageId,
    [property: JsonPropertyName("council")] string Council,
    [property: JsonPropertyName("period"), JsonConverter(typeof(IsoDateConverter))] LocalDate Period,
    [property: JsonPropertyName("recipient")] MessageRecipient Recipient,
    [property: JsonPropertyName("items")] IReadOnlyList<AlertItem> Items) : ISweepMessage
{
    /// <summary>An escalation, a same-day alert or the first sweep's baseline summary (absent: an escalation).</summary>
    [JsonPropertyName("purpose"), JsonConverter(typeof(EnumNameConverter<AlertPurpose>)), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public AlertPurpose Purpose { get; init; }

    /// <summary>Which part of the recipient's list this is, when it was too long for one message (absent: the whole list).</summary>
    [JsonPropertyName("part"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MessagePart? Part { get; init; }
}

/// <summary>To a social worker: every finding for their children this week.</summary>
public sealed record DigestMessage(
    [property: JsonPropertyName("schemaVersion")] int SchemaVersion,
    [property: JsonPropertyName("messageId")] string MessageId,
    [property: JsonPropertyName("council")] string Council,
    [property: JsonPropertyName("weekOf"), JsonConverter(typeof(IsoDateConverter))] LocalDate WeekOf,
    [property: JsonPropertyName("recipient")] MessageRecipient Recipient,
    [property: JsonPropertyName("items")] IReadOnlyList<AlertItem> Items) : ISweepMessage
{
    /// <summary>The London date the digest was made on (absent in older messages: the week's Monday), for "due in 3 days".</summary>
    [JsonPropertyName("asOf"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), JsonConverter(typeof(IsoDateConverter))]
    public LocalDate? AsOf { get; init; }

    /// <summary>When the council's latest import started (ISO instant): how old the records are (absent: unknown).</summary>
    [JsonPropertyName("recordsAsAt"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), JsonConverter(typeof(IsoInstantConverter))]
    public Instant? RecordsAsAt { get; init; }

    /// <summary>Which part of the worker's list this is, when it was too long for one message (absent: the whole list).</summary>
    [JsonPropertyName("part"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MessagePart? Part { get; init; }
}

/// <summary>To the health team: a child has entered care and needs an IHA booked.</summary>
public sealed record IhaRequestMessage(
    [property: JsonPropertyName("schemaVersion")] int SchemaVersion,
    [property: JsonPropertyName("messageId")] string MessageId,
    [property: JsonPropertyName("council")] string Council,
    [property: JsonPropertyName("childId")] string ChildId,
    [property: JsonPropertyName("enteredCare"), JsonConverter(typeof(IsoDateConverter))] LocalDate EnteredCare,
    [property: JsonPropertyName("ihaDueDate"), JsonConverter(typeof(IsoDateConverter))] LocalDate IhaDueDate,
    [property: JsonPropertyName("recipient")] MessageRecipient Recipient) : ISweepMessage
{
    /// <summary>The date the social worker's request for this care episode's IHA is recorded (absent: not yet recorded).</summary>
    [JsonPropertyName("requestedOn"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), JsonConverter(typeof(IsoDateConverter))]
    public LocalDate? RequestedOn { get; init; }

    /// <summary>The assessment is due within two working days of the sweep (NotificationPolicy.IhaRequestIsUrgent; absent: not urgent).</summary>
    [JsonPropertyName("urgent"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Urgent { get; init; }
}

/// <summary>
/// The weekly IHA request report for one reader (Mondays, with the digests): as of <see cref="AsOf"/>, for the
/// team of the team manager <see cref="TeamOf"/>, or every child when null. Only ids: delivery works the rows
/// out from the records, so no legal status or consent sits in a queue; <see cref="ChildIds"/> says whose records to read.
/// </summary>
public sealed record IhaReportMessage(
    [property: JsonPropertyName("schemaVersion")] int SchemaVersion,
    [property: JsonPropertyName("messageId")] string MessageId,
    [property: JsonPropertyName("council")] string Council,
    [property: JsonPropertyName("asOf"), JsonConverter(typeof(IsoDateConverter))] LocalDate AsOf,
    [property: JsonPropertyName("teamOf")] string? TeamOf,
    [property: JsonPropertyName("audience"), JsonConverter(typeof(EnumNameConverter<Audience>))] Audience Audience,
    [property: JsonPropertyName("recipient")] MessageRecipient Recipient) : ISweepMessage
{
    /// <summary>
    /// The children in the reader's report or its four weeks' history, found by the weekly pass as it read the council
    /// for the digests: delivery reads these children alone. Absent (a message from before it was added): every child.
    /// </summary>
    [JsonPropertyName("childIds"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? ChildIds { get; init; }
}

/// <summary>To the scorecard mailbox: a council's Corporate Parenting scorecard for the period ending on <see cref="PeriodEnd"/>.</summary>
public sealed record ScorecardMessage(
    [property: JsonPropertyName("schemaVersion")] int SchemaVersion,
    [property: JsonPropertyName("messageId")] string MessageId,
    [property: JsonPropertyName("council")] string Council,
    [property: JsonPropertyName("period")] string Period,
    [property: JsonPropertyName("periodEnd"), JsonConverter(typeof(IsoDateConverter))] LocalDate PeriodEnd) : ISweepMessage;

/// <summary>On the sweeps queue: evaluate one council (fan-out so a region scales out per council).</summary>
public sealed record SweepRequest(
    [property: JsonPropertyName("schemaVersion")] int SchemaVersion,
    [property: JsonPropertyName("council")] string Council,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("asOf"), JsonConverter(typeof(IsoInstantConverter))] Instant AsOf);
