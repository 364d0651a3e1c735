using System.Collections.Immutable;

namespace CpAlerts.Domain.Escalation;

/// <summary>One rule's escalation: when it reaches level 2, and who each level adds.</summary>
/// <param name="Level2ThresholdDays">Days overdue at which a finding reaches level 2 (escalated).</param>
/// <param name="Level0">Who is told from level 0 (due soon) on.</param>
/// <param name="Level1Adds">Who is added once it is overdue (level 1).</param>
/// <param name="Level2Adds">Who is added once it is escalated (level 2).</param>
public sealed record RuleEscalation(
    int Level2ThresholdDays,
    ImmutableArray<Audience> Level0,
    ImmutableArray<Audience> Level1Adds,
    ImmutableArray<Audience> Level2Adds)
{
    /// <summary>
    /// A short timescale (72 hours, 5 working days) that the weekly digest would tell the social worker about
    /// too late: they get a same-day alert as the finding becomes due soon and again as it becomes overdue.
    /// </summary>
    public bool SameDayAlert { get; init; }

    /// <summary>The level of a finding: due soon when not overdue, else overdue or escalated by days overdue.</summary>
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
