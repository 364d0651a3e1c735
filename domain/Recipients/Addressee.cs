using CpAlerts.Domain.Escalation;

namespace CpAlerts.Domain.Recipients;

/// <summary>
/// One email address a finding goes to, and as which audience. <see cref="StandingInFor"/> is set when
/// the intended audience could not be resolved and this addressee is told instead (never dropped).
/// </summary>
/// <param name="Email">The email address to send to.</param>
/// <param name="StaffId">The recipient's staff id, or null for the fallback mailbox.</param>
/// <param name="Audience">The audience the recipient is told as.</param>
/// <param name="StandingInFor">The audience this addressee is told instead of, and why; null when told as themselves.</param>
public sealed record Addressee(string Email, string? StaffId, Audience Audience, Unresolved? StandingInFor = null)
{
    /// <summary>For the health team mailbox of the ICB a child is placed in, its ICB code (<see cref="StaffId"/> is then null); null otherwise.</summary>
    public string? HealthTeamIcb { get; init; }
}

/// <summary>Why an audience's recipient could not be found, e.g. "no social worker allocated".</summary>
/// <param name="Audience">The audience nobody could be found for.</param>
/// <param name="Reason">Why, in words for the email, e.g. "no social worker allocated".</param>
public sealed record Unresolved(Audience Audience, string Reason);
