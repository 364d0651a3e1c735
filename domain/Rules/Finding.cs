using System.Collections.Immutable;
using CpAlerts.Domain.Escalation;
using NodaTime;

namespace CpAlerts.Domain.Rules;

/// <summary>
/// One unmet timescale for one child: what is due, when, how late, and who must be told.
/// <see cref="SubjectId"/> is the child id, or the missing episode's id for return interviews.
/// </summary>
/// <param name="Rule">Which timescale is unmet.</param>
/// <param name="ChildId">The child's case reference.</param>
/// <param name="SubjectId">What the finding is about: the child id, or the missing episode's id for return interviews.</param>
/// <param name="DueDate">The London date it is due (for return interviews, the date of the due instant).</param>
/// <param name="DueAt">The exact deadline for return interviews (72 hours after the return); null for the date rules.</param>
/// <param name="Status">Due soon or overdue.</param>
/// <param name="DaysOverdue">Days past the due date; 0 while due soon (for return interviews, whole 24-hour days).</param>
/// <param name="Level">How far it has escalated: 0 due soon, 1 overdue, 2 escalated.</param>
/// <param name="Audiences">Everyone to be told at this level, levels below included.</param>
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

    /// <summary>
    /// For a timescale with an exact deadline (a return home interview, 72 hours), whole hours past it; null when due
    /// soon or measured in days. Hours are what such a timescale is read in: 72 hours late is not "1 day overdue".
    /// </summary>
    public int? HoursOverdue { get; init; }

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
