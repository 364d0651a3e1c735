using CpAlerts.Domain.Recipients;
using CpAlerts.Domain.Rules;

namespace CpAlerts.Domain.Notifications;

/// <summary>One finding for one addressee: a line in somebody's email.</summary>
/// <param name="Finding">What is due or overdue, for which child.</param>
/// <param name="Addressee">Who is told, and as which audience.</param>
public sealed record Notice(Finding Finding, Addressee Addressee);

/// <summary>
/// Everything one recipient is told in one email, most urgent first. <see cref="StaffId"/> is null for the
/// fallback mailbox (nobody could be found for those notices) and for an ICB's health team mailbox.
/// </summary>
/// <param name="StaffId">The recipient's staff id, or null for the fallback mailbox.</param>
/// <param name="Notices">The lines of the email, most urgent first.</param>
public sealed record RecipientNotices(string? StaffId, IReadOnlyList<Notice> Notices)
{
    /// <summary>For an ICB's health team mailbox, its ICB code (<see cref="StaffId"/> is then null).</summary>
    public string? HealthTeamIcb { get; init; }
}
