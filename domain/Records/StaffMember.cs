namespace CpAlerts.Domain.Records;

public sealed record StaffMember(
    string StaffId,
    string Name,
    string? Email,
    StaffRole Role,
    string? ManagerId,
    string? Team);
