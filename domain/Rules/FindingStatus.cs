namespace CpAlerts.Domain.Rules;

/// <summary>Whether an unmet timescale is still to come or already missed.</summary>
public enum FindingStatus
{
    /// <summary>Not yet overdue, and due within the due-soon window (14 days by default).</summary>
    DueSoon,

    /// <summary>The due date (or, for return interviews, the deadline) has passed.</summary>
    Overdue,
}
