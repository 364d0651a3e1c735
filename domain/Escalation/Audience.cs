namespace CpAlerts.Domain.Escalation;

/// <summary>Who a finding is for. Names are exactly those of RULES.md.</summary>
public enum Audience
{
    /// <summary>The child's allocated social worker.</summary>
    SocialWorker,

    /// <summary>The team manager: the allocated social worker's manager.</summary>
    TeamManager,

    /// <summary>The head of service: the team manager's manager.</summary>
    HeadOfService,

    /// <summary>The health team (all staff with that role), who book health assessments.</summary>
    HealthTeam,

    /// <summary>Independent reviewing officers (all staff with that role).</summary>
    Iro,

    /// <summary>Dental advisers (all staff with that role).</summary>
    DentalAdviser,
}
