using System.Collections.Immutable;
using CpAlerts.Domain.Escalation;
using CpAlerts.Domain.Rules;

namespace CpAlerts.Domain.Scorecards;

/// <summary>The measures for one period and one group of children (a council, or a team), and the open findings by rule and level.</summary>
/// <param name="Period">The reporting period.</param>
/// <param name="Group">Whose children: the council, or a team's name.</param>
/// <param name="Measures">The figures, one for each of <see cref="MeasureIds"/>.</param>
/// <param name="OpenFindings">How many findings were open at the end of the period, by rule and escalation level.</param>
public sealed record Scorecard(
    ReportingPeriod Period,
    string Group,
    ImmutableArray<Measure> Measures,
    ImmutableDictionary<(RuleId Rule, EscalationLevel Level), int> OpenFindings)
{
    /// <summary>The measure with this id (one of <see cref="MeasureIds"/>); throws when there is none.</summary>
    public Measure this[string id] => Measures.Single(m => m.Id == id);
}
