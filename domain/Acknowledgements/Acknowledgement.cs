using CpAlerts.Domain.Escalation;
using CpAlerts.Domain.Rules;
using NodaTime;

namespace CpAlerts.Domain.Acknowledgements;

/// <summary>
/// Someone has said an item is in hand until a date (PagerDuty's acknowledge, Alertmanager's silence): escalation
/// above <see cref="AtLevel"/> is held until <see cref="Until"/> has passed. It applies to one finding
/// (<see cref="FindingKey"/>: rule, subject and due date), so a new due date is a new finding, not held.
/// </summary>
/// <param name="FindingKey">The finding it is about (<see cref="Finding.Key"/>).</param>
/// <param name="Rule">The finding's rule.</param>
/// <param name="ChildId">The child's case reference.</param>
/// <param name="SubjectId">The finding's subject: the child id, or the missing episode's id.</param>
/// <param name="AtLevel">The finding's level when it was acknowledged: higher levels are held.</param>
/// <param name="Reason">Why it is in hand.</param>
/// <param name="OtherReason">The words for <see cref="AcknowledgementReason.Other"/> (shown in the team view, never emailed).</param>
/// <param name="Until">The last London date it is in hand; the morning after, it escalates if still open.</param>
/// <param name="ByStaffId">Who said so.</param>
/// <param name="RecordedAt">When.</param>
public sealed record Acknowledgement(
    string FindingKey,
    RuleId Rule,
    string ChildId,
    string SubjectId,
    EscalationLevel AtLevel,
    AcknowledgementReason Reason,
    string? OtherReason,
    LocalDate Until,
    string ByStaffId,
    Instant RecordedAt)
{
    /// <summary>Still in hand on <paramref name="today"/> (until the end of <see cref="Until"/>).</summary>
    public bool IsActiveOn(LocalDate today) => today <= Until;
}
