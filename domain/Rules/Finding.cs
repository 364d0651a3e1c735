using System.Collections.Immutable;
using CpAlerts.Domain.Escalation;
using NodaTime;

namespace CpAlerts.Domain.Rules;

/// <summary>
/// One unmet timescale for one child: what is due, when, how late, and who must be told.
/// <see cref="SubjectId"/> is the child id, or the missing episode's id for return interviews.
/// </summary>
public sealed record Finding(
    RuleId Rule,
    string ChildId,
    string SubjectId,
    LocalDate DueDate,
    Instant? DueAt,
    FindingStatus Status,
    int DaysOverdue,
    EscalationLevel Level,
    ImmutableArray<Audience> Audiences)
{
    /// <summary>
    /// Identifies the obligation across sweeps: the same rule, subject and due date is the same finding
    /// even as it escalates. A new due date (a new dental cycle) is a new finding.
    /// </summary>
    public string Key => $"{Rule.Code()}|{SubjectId}|{DueDate:yyyy-MM-dd}";

    /// <summary>Most urgent first, then stable by child, rule and subject (the order of DATA-FORMAT.md).</summary>
    public static IComparer<Finding> UrgencyOrder { get; } = Comparer<Finding>.Create((a, b) =>
    {
        var c = b.Level.CompareTo(a.Level);
        if (c == 0) c = b.DaysOverdue.CompareTo(a.DaysOverdue);
        if (c == 0) c = string.CompareOrdinal(a.ChildId, b.ChildId);
        if (c == 0) c = string.CompareOrdinal(a.Rule.Code(), b.Rule.Code());
        if (c == 0) c = string.CompareOrdinal(a.SubjectId, b.SubjectId);
        return c;
    });
}
