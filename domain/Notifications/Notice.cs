using CpAlerts.Domain.Recipients;
using CpAlerts.Domain.Rules;

namespace CpAlerts.Domain.Notifications;

/// <summary>One finding for one addressee: a line in somebody's email.</summary>
public sealed record Notice(Finding Finding, Addressee Addressee);

/// <summary>
/// Everything one recipient is told in one email, most urgent first. <see cref="StaffId"/> is null for the
/// fallback mailbox (nobody could be found for those notices).
/// </summary>
public sealed record RecipientNotices(string? StaffId, IReadOnlyList<Notice> Notices);
