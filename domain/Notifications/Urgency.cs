using System.Collections.Immutable;
using CpAlerts.Domain.Escalation;
using CpAlerts.Domain.Rules;

namespace CpAlerts.Domain.Notifications;

/// <summary>
/// What "most urgent first" means, for every list a person reads (the digest, the go-live summary's most urgent items,
/// escalations, the team view): the highest level first; within a level, the timescale that matters most to a child
/// (a council setting; by default a return home interview, then the IHA request, the IHA, the review health
/// assessment, the plan for permanence, the dental check); then how late it is against that timescale's own
/// level-2 threshold (10 days late on a 5-day threshold is later than 300 days on a 60-day one only within the same
/// timescale — across timescales the priority decides); then the nearest due date. A year-old dental check never
/// outranks the IHA of a child new to care at the same level.
/// </summary>
public sealed class Urgency(AlertPolicy policy)
{
    /// <summary>The default order of timescales, most pressing first.</summary>
    public static ImmutableArray<RuleId> DefaultPriority { get; } =
        [RuleId.ReturnInterview, RuleId.IhaRequest, RuleId.IhaCompletion, RuleId.ReviewHealthAssessment, RuleId.PermanenceReview, RuleId.DentalCheck];

    /// <summary>The default policy's order.</summary>
    public static Urgency Default => new(AlertPolicy.Default); // made on use: AlertPolicy.Default reads DefaultPriority while it is built

    /// <summary>Most urgent first; ties broken by <see cref="Finding.UrgencyOrder"/>, so the order is total and stable.</summary>
    public IComparer<Finding> Order => Comparer<Finding>.Create((a, b) =>
    {
        var c = b.Level.CompareTo(a.Level);
        if (c == 0) c = Rank(a.Rule).CompareTo(Rank(b.Rule));
        if (c == 0) c = Lateness(b).CompareTo(Lateness(a));
        if (c == 0) c = a.DueDate.CompareTo(b.DueDate);
        return c != 0 ? c : Finding.UrgencyOrder.Compare(a, b);
    });

    private int Rank(RuleId rule) => policy.Priority.IndexOf(rule) is var i and >= 0 ? i : policy.Priority.Length;

    /// <summary>Days overdue as a share of the timescale's level-2 threshold.</summary>
    private double Lateness(Finding finding) => (double)finding.DaysOverdue / Math.Max(1, policy.EscalationFor(finding.Rule).Level2ThresholdDays);
}
