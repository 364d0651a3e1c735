using CpAlerts.Domain.Escalation;

namespace CpAlerts.Domain.Recipients;

/// <summary>
/// One email address a finding goes to, and as which audience. <see cref="StandingInFor"/> is set when
/// the intended audience could not be resolved and this addressee is told instead (never dropped).
/// </summary>
public sealed record Addressee(string Email, string? StaffId, Audience Audience, Unresolved? StandingInFor = null);

/// <summary>Why an audience's recipient could not be found, e.g. "no social worker allocated".</summary>
public sealed record Unresolved(Audience Audience, string Reason);
