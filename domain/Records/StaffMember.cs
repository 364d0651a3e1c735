namespace CpAlerts.Domain.Records;

/// <summary>A member of the council's staff, as in staff.csv: who they are, their role and their manager.</summary>
/// <param name="StaffId">The council's id for the member of staff.</param>
/// <param name="Name">Their name, as emails show it.</param>
/// <param name="Email">Their email address; without one they cannot be told, and someone stands in.</param>
/// <param name="Role">Their role (social worker, team manager, and so on).</param>
/// <param name="ManagerId">The staff id of their manager: a social worker's is the team manager, a team manager's the head of service.</param>
/// <param name="Team">Their team, if recorded; scorecards are broken down by the social worker's team.</param>
public sealed record StaffMember(
    string StaffId,
    string Name,
    string? Email,
    StaffRole Role,
    string? ManagerId,
    string? Team)
{
    /// <summary>
    /// Their work phone (optional <c>phone</c> in staff.csv). Shown only on the IHA request, so the health team can ring
    /// the child's social worker; no other email, page or report carries it.
    /// </summary>
    public PhoneNumber? Phone { get; init; }
}
