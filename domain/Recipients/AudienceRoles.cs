using CpAlerts.Domain.Escalation;
using CpAlerts.Domain.Records;

namespace CpAlerts.Domain.Recipients;

/// <summary>
/// Each audience is the members of staff of one role, and each role is one audience: the one mapping that routing,
/// the IHA report, the team view and the emails use. A new role or audience fails here first (the switch has no default).
/// </summary>
public static class AudienceRoles
{
    /// <summary>The role whose members make up the audience.</summary>
    public static StaffRole RoleOf(Audience audience) => audience switch
    {
        Audience.SocialWorker => StaffRole.SocialWorker,
        Audience.TeamManager => StaffRole.TeamManager,
        Audience.HeadOfService => StaffRole.HeadOfService,
        Audience.HealthTeam => StaffRole.HealthTeam,
        Audience.Iro => StaffRole.Iro,
        Audience.DentalAdviser => StaffRole.DentalAdviser,
        _ => throw new ArgumentOutOfRangeException(nameof(audience), audience, "no role for this audience"),
    };

    /// <summary>The audience a member of staff of this role belongs to.</summary>
    public static Audience AudienceOf(StaffRole role) => role switch
    {
        StaffRole.SocialWorker => Audience.SocialWorker,
        StaffRole.TeamManager => Audience.TeamManager,
        StaffRole.HeadOfService => Audience.HeadOfService,
        StaffRole.HealthTeam => Audience.HealthTeam,
        StaffRole.Iro => Audience.Iro,
        StaffRole.DentalAdviser => Audience.DentalAdviser,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "no audience for this role"),
    };

    /// <summary>Whether members of this audience have a team view (their own children, their team's, or the council's).</summary>
    public static bool HasTeamView(Audience audience) => TeamScope.HasTeamView(RoleOf(audience));
}
