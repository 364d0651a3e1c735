using CpAlerts.Domain.Escalation;

namespace CpAlerts.Application.Ports;

/// <summary>
/// Who an email is for: one of RULES.md's audiences, or one of the two mailboxes that are no one's role (the board's
/// scorecard mailbox, the fallback mailbox). Names the local outbox's files and groups the demo's index; nothing decides on it.
/// </summary>
public enum EmailAudience
{
    SocialWorker,
    TeamManager,
    HeadOfService,
    HealthTeam,
    Iro,
    DentalAdviser,

    /// <summary>The Corporate Parenting board's scorecard mailbox.</summary>
    Scorecard,

    /// <summary>The fallback mailbox: what could not be delivered or routed.</summary>
    Fallback,
}

/// <summary>The email audience of each audience.</summary>
public static class EmailAudiences
{
    public static EmailAudience Of(Audience audience) => audience switch
    {
        Audience.SocialWorker => EmailAudience.SocialWorker,
        Audience.TeamManager => EmailAudience.TeamManager,
        Audience.HeadOfService => EmailAudience.HeadOfService,
        Audience.HealthTeam => EmailAudience.HealthTeam,
        Audience.Iro => EmailAudience.Iro,
        Audience.DentalAdviser => EmailAudience.DentalAdviser,
        _ => throw new ArgumentOutOfRangeException(nameof(audience), audience, "no email audience for this audience"),
    };
}
