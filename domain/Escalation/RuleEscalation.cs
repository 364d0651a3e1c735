using System.Collections.Immutable;

namespace CpAlerts.Domain.Escalation;

/// <summary>One rule's escalation: when it reaches level 2, and who each level adds.</summary>
public sealed record RuleEscalation(
    int Level2ThresholdDays,
    ImmutableArray<Audience> Level0,
    ImmutableArray<Audience> Level1Adds,
    ImmutableArray<Audience> Level2Adds)
{
    public EscalationLevel LevelFor(bool overdue, int daysOverdue) =>
        !overdue ? EscalationLevel.DueSoon
        : daysOverdue >= Level2ThresholdDays ? EscalationLevel.Escalated
        : EscalationLevel.Overdue;

    /// <summary>Audiences accumulate: level 2 includes everyone told at levels 0 and 1.</summary>
    public ImmutableArray<Audience> AudiencesAt(EscalationLevel level)
    {
        IEnumerable<Audience> audiences = Level0;
        if (level >= EscalationLevel.Overdue)
        {
            audiences = audiences.Concat(Level1Adds);
        }

        if (level >= EscalationLevel.Escalated)
        {
            audiences = audiences.Concat(Level2Adds);
        }

        return [.. audiences.Distinct()];
    }

    /// <summary>The audiences that a level adds (level 0 "adds" its initial audiences).</summary>
    public ImmutableArray<Audience> AddedAt(EscalationLevel level) => level switch
    {
        EscalationLevel.DueSoon => Level0,
        EscalationLevel.Overdue => Level1Adds,
        _ => Level2Adds,
    };
}
