using CpAlerts.Domain.Rules;

namespace CpAlerts.Domain.Notifications;

/// <summary>
/// What "most urgent first" means, for every list a person reads (the digest, the go-live summary's most urgent items,
/// escalations, the team view): the highest level first; within a level, the timescale that matters most to a child
/// (a council setting; by default a return home interview, then the IHA request, the IHA, the review health
/// assessment, the plan for permanence, the dental check); then the most days overdue; then the nearest due date. A
/// year-old dental check never outranks the IHA of a child new to care at the same level.
/// </summary>
public sealed class Urgency(AlertPolicy policy)
{
    /// <summary>The default policy's order (<see cref="AlertPolicy.DefaultPriority"/>).</summary>
    public static Urgency Default => new(AlertPolicy.Default);

    /// <summary>Most urgent first; ties broken by <see cref="Finding.UrgencyOrder"/>, so the order is total and stable.</summary>
    public IComparer<Finding> Order => Comparer<Finding>.Create((a, b) =>
    {
        var c = b.Level.CompareTo(a.Level);
        if (c == 0) c = Rank(a.Rule).CompareTo(Rank(b.Rule));
        if (c == 0) c = b.DaysOverdue.CompareTo(a.DaysOverdue);
        if (c == 0) c = a.DueDate.CompareTo(b.DueDate);
        return c != 0 ? c : Finding.UrgencyOrder.Compare(a, b);
    });

    private int Rank(RuleId rule) => policy.Priority.IndexOf(rule) is var i and >= 0 ? i : policy.Priority.Length;
}
