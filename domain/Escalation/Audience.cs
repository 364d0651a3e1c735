namespace CpAlerts.Domain.Escalation;

/// <summary>Who a finding is for. Names are exactly those of RULES.md.</summary>
public enum Audience
{
    SocialWorker,
    TeamManager,
    HeadOfService,
    HealthTeam,
    Iro,
    DentalAdviser,
}
