using System.Collections.Immutable;
using CpAlerts.Domain.Escalation;
using CpAlerts.Domain.Rules;

namespace CpAlerts.Domain.Scorecards;

/// <summary>The measures for one period and one group of children (a council, or a team), and the open findings by rule and level.</summary>
public sealed record Scorecard(
    ReportingPeriod Period,
    string Group,
    ImmutableArray<Measure> Measures,
    ImmutableDictionary<(RuleId Rule, EscalationLevel Level), int> OpenFindings)
{
    public Measure this[string id] => Measures.Single(m => m.Id == id);
}
