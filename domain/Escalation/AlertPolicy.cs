using System.Collections.Immutable;
using CpAlerts.Domain.Rules;

namespace CpAlerts.Domain.Escalation;

/// <summary>
/// Every number and audience of RULES.md in one place. <see cref="Default"/> is the documented
/// defaults; a council's configuration produces its own instance.
/// </summary>
public sealed record AlertPolicy(Timescales Timescales, ImmutableDictionary<RuleId, RuleEscalation> Escalations)
{
    public static AlertPolicy Default { get; } = new(
        Timescales.Default,
        new Dictionary<RuleId, RuleEscalation>
        {
            [RuleId.IhaRequest] = new(5, [Audience.SocialWorker], [Audience.TeamManager], [Audience.HeadOfService]),
            [RuleId.IhaCompletion] = new(10, [Audience.SocialWorker, Audience.HealthTeam], [Audience.TeamManager], [Audience.HeadOfService]),
            [RuleId.DentalCheck] = new(60, [Audience.SocialWorker], [Audience.TeamManager], [Audience.DentalAdviser]),
            [RuleId.PermanenceReview] = new(28, [Audience.SocialWorker, Audience.Iro], [Audience.TeamManager], [Audience.HeadOfService]),
            [RuleId.ReturnInterview] = new(3, [Audience.SocialWorker], [Audience.TeamManager], [Audience.HeadOfService]),
        }.ToImmutableDictionary());

    public RuleEscalation EscalationFor(RuleId rule) =>
        Escalations.TryGetValue(rule, out var escalation)
            ? escalation
            : throw new InvalidOperationException($"The alert policy has no escalation for {rule.Code()}.");
}
