using CpAlerts.Domain.Records;

namespace CpAlerts.Domain.Recipients;

/// <summary>Whose children a member of staff sees in the team view, and may say are in hand.</summary>
public enum TeamScopeKind
{
    /// <summary>A social worker: the children allocated to them.</summary>
    OwnChildren,

    /// <summary>A team manager: the children of the social workers they manage, and any allocated to them.</summary>
    Team,

    /// <summary>A head of service: every child of the council.</summary>
    AllTeams,
}

/// <summary>
/// The children one member of staff is responsible for: the same line of management the escalations follow
/// (a social worker's manager is the team manager). Specialists (health team, IROs, dental advisers) have none:
/// they are told about items, but acting on a child's case is the social worker's and their managers'.
/// </summary>
/// <param name="Me">The signed-in member of staff.</param>
/// <param name="Kind">Whose children they see.</param>
public sealed record TeamScope(StaffMember Me, TeamScopeKind Kind)
{
    /// <summary>The scope of a member of staff, or null when their role has no team view.</summary>
    public static TeamScope? For(StaffMember me) => me.Role switch
    {
        StaffRole.SocialWorker => new TeamScope(me, TeamScopeKind.OwnChildren),
        StaffRole.TeamManager => new TeamScope(me, TeamScopeKind.Team),
        StaffRole.HeadOfService => new TeamScope(me, TeamScopeKind.AllTeams),
        _ => null,
    };

    /// <summary>Whether members of staff of this role have a team view.</summary>
    public static bool HasTeamView(StaffRole role) => role is StaffRole.SocialWorker or StaffRole.TeamManager or StaffRole.HeadOfService;

    /// <summary>Whether the child is one of theirs: visible to them, and theirs to say is in hand.</summary>
    public bool Covers(Child child, StaffDirectory staff) => Covers(child.SocialWorkerId, staff);

    /// <summary>Whether a child allocated to <paramref name="socialWorkerId"/> (null: nobody) is one of theirs.</summary>
    public bool Covers(string? socialWorkerId, StaffDirectory staff) => Kind switch
    {
        TeamScopeKind.OwnChildren => socialWorkerId == Me.StaffId,
        TeamScopeKind.Team => socialWorkerId == Me.StaffId || staff.Find(socialWorkerId)?.ManagerId == Me.StaffId,
        _ => true,
    };
}
