namespace CpAlerts.Domain.Rules;

public enum FindingStatus
{
    DueSoon,
    Overdue,
}
