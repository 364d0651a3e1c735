using System.Collections.Immutable;
using CpAlerts.Domain.Escalation;

namespace CpAlerts.Domain.Rules;

/// <summary>
/// Every number and audience of RULES.md in one place. <see cref="Default"/> is the documented
/// defaults; a council's configuration produces its own instance.
/// </summary>
/// <param name="Timescales">The timescales each rule measures against (20 working days for the IHA, and so on).</param>
/// <param name="Escalations">Each rule's level-2 threshold and who is told at each level.</param>
public sealed record AlertPolicy(Timescales Timescales, ImmutableDictionary<RuleId, RuleEscalation> Escalations)
{
    /// <summary>The default order of timescales, most pressing first (before Default, which reads it while it is built): a return home interview, then the IHA request, the IHA,
    /// the review health assessment, the plan for permanence, the dental check.</summary>
    public static ImmutableArray<RuleId> DefaultPriority { get; } =
        [RuleId.ReturnInterview, RuleId.IhaRequest, RuleId.IhaCompletion, RuleId.ReviewHealthAssessment, RuleId.PermanenceReview, RuleId.DentalCheck];

    /// <summary>The defaults of RULES.md: its timescales, thresholds and audiences for the five rules implemented here.</summary>
    public static AlertPolicy Default { get; } = new(
        Timescales.Default,
        new Dictionary<RuleId, RuleEscalation>
        {
            [RuleId.IhaRequest] = new(5, [Audience.SocialWorker], [Audience.TeamManager], [Audience.HeadOfService]) { SameDayAlert = true },
            [RuleId.IhaCompletion] = new(10, [Audience.SocialWorker, Audience.HealthTeam], [Audience.TeamManager], [Audience.HeadOfService]),
            [RuleId.DentalCheck] = new(60, [Audience.SocialWorker], [Audience.TeamManager], [Audience.DentalAdviser]),
            [RuleId.PermanenceReview] = new(28, [Audience.SocialWorker, Audience.Iro], [Audience.TeamManager], [Audience.HeadOfService]),
            [RuleId.ReturnInterview] = new(3, [Audience.SocialWorker], [Audience.TeamManager], [Audience.HeadOfService]) { SameDayAlert = true },
            [RuleId.ReviewHealthAssessment] = new(28, [Audience.SocialWorker, Audience.HealthTeam], [Audience.TeamManager], [Audience.HeadOfService]),
        }.ToImmutableDictionary());

    /// <summary>The timescales in the order they matter most to a child, for "most urgent first" (Notifications.Urgency).</summary>
    public ImmutableArray<RuleId> Priority { get; init; } = DefaultPriority;

    /// <summary>The rule's escalation; throws when the policy has none for that rule.</summary>
    public RuleEscalation EscalationFor(RuleId rule) =>
        Escalations.TryGetValue(rule, out var escalation)
            ? escalation
            : throw new InvalidOperationException($"The alert policy has no escalation for {rule.Code()}.");
}
