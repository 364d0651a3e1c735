namespace CpAlerts.Domain.Escalation;

/// <summary>How far a finding has escalated: each level adds audiences.</summary>
public enum EscalationLevel
{
    /// <summary>Due within the due-soon window.</summary>
    DueSoon = 0,

    /// <summary>Overdue, below the rule's level-2 threshold.</summary>
    Overdue = 1,

    /// <summary>Overdue by at least the rule's level-2 threshold.</summary>
    Escalated = 2,
}
