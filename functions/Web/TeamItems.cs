using CpAlerts.Application.Configuration;
using CpAlerts.Application.Ports;
using CpAlerts.Domain.Acknowledgements;
using CpAlerts.Domain.Calendar;
using CpAlerts.Domain.Notifications;
using CpAlerts.Domain.Recipients;
using CpAlerts.Domain.Records;
using CpAlerts.Domain.Rules;
using NodaTime;

namespace CpAlerts.Functions.Web;

/// <summary>One open item in the team view: the item as the morning's sweep found it, the child's social worker, and whether it is in hand today.</summary>
public sealed record TeamItem(OpenItem Open, StaffMember? Worker, InHandState InHand)
{
    public Finding Finding => Open.Finding;

    public string ChildId => Open.Finding.ChildId;

    public Acknowledgement? Acknowledgement => Open.InHand;
}

/// <summary>A member of staff's open items and when the sweep that found them ran (null: none has yet).</summary>
public sealed record TeamList(Instant? AsOf, IReadOnlyList<TeamItem> Items);

/// <summary>
/// The open items a member of staff is responsible for (<see cref="TeamScope"/>), from the projection the daily sweep
/// keeps (<see cref="IOpenItems"/>): a social worker's page reads their own items, a team manager's their team's, a
/// head of service's the council's — never more than the page shows. Listed in the digest's order as at the sweep.
/// </summary>
public sealed class TeamItems(IOpenItems openItems, ICaseloadReader caseload, IAcknowledgementStore acknowledgements, SweepSettings settings)
{
    public async Task<TeamList> ReadAsync(SignedIn who, LocalDate today, CancellationToken cancellationToken)
    {
        var read = who.Scope.Kind switch
        {
            TeamScopeKind.OwnChildren => await openItems.ReadAsync(who.Council, [who.Me.StaffId], cancellationToken),
            TeamScopeKind.Team => await openItems.ReadAsync(who.Council,
                [who.Me.StaffId, .. who.Staff.All.Where(s => s.ManagerId == who.Me.StaffId).Select(s => s.StaffId)], cancellationToken),
            _ => await openItems.ReadCouncilAsync(who.Council, cancellationToken),
        };
        var sweptOn = read.AsOf is { } at ? LondonTime.DateOf(at) : today;
        var order = NotificationPolicy.DigestOrder(sweptOn, new Urgency(settings.Policy));
        return new TeamList(read.AsOf, [.. read.Items
            .Where(i => who.Scope.Covers(i.SocialWorkerId, who.Staff))
            .Select(i => Item(i, who.Staff, today))
            .OrderBy(i => i.Finding, order)]);
    }

    /// <summary>
    /// One open item of a child, found through the child's social worker now (one point read each), or null when the
    /// child is not stored or the item is not open in the latest sweep.
    /// </summary>
    public async Task<TeamItem?> FindAsync(SignedIn who, string childId, string findingKey, LocalDate today, CancellationToken cancellationToken)
    {
        if (await caseload.ReadChildAsync(who.Council, childId, cancellationToken) is not { } child)
        {
            return null;
        }

        return await openItems.FindAsync(who.Council, child.SocialWorkerId, findingKey, cancellationToken) is { } open && open.Finding.ChildId == childId
            ? Item(open, who.Staff, today)
            : null;
    }

    /// <summary>The item's history from the acknowledgement audit, with each person's name as the staff records have it now.</summary>
    public async Task<IReadOnlyList<HistoryEntry>> HistoryAsync(SignedIn who, TeamItem item, CancellationToken cancellationToken)
    {
        var audits = await acknowledgements.ReadHistoryAsync(who.Council, item.Finding.Key, cancellationToken);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in audits.Select(a => a.ByStaffId).Distinct())
        {
            names[id] = who.Staff.Find(id)?.Name ?? (await caseload.ReadStaffMemberAsync(who.Council, id, cancellationToken))?.Name ?? "Someone no longer in the staff records";
        }

        return [.. audits.Select(a => new HistoryEntry(a, names[a.ByStaffId]))];
    }

    /// <summary>
    /// Records that the item is in hand (or, with null, no longer is): the acknowledgement store first, which the sweep
    /// and the emails go by, then the item's row, so the list shows it at once.
    /// </summary>
    public async Task MarkInHandAsync(SignedIn who, TeamItem item, Acknowledgement acknowledgement, CancellationToken cancellationToken)
    {
        await acknowledgements.RecordAsync(who.Council, acknowledgement, cancellationToken);
        await openItems.SetInHandAsync(who.Council, item.Open.SocialWorkerId, item.Finding.Key, acknowledgement, who.Me.Name, cancellationToken);
    }

    /// <summary>Ends "in hand" (false: it was not, perhaps ended a moment ago), in the store and then on the item's row.</summary>
    public async Task<bool> WithdrawAsync(SignedIn who, TeamItem item, Instant at, CancellationToken cancellationToken)
    {
        if (!await acknowledgements.WithdrawAsync(who.Council, item.Finding.Key, who.Me.StaffId, at, cancellationToken))
        {
            return false;
        }

        await openItems.SetInHandAsync(who.Council, item.Open.SocialWorkerId, item.Finding.Key, null, null, cancellationToken);
        return true;
    }

    private static TeamItem Item(OpenItem open, StaffDirectory staff, LocalDate today) =>
        new(open, staff.Find(open.SocialWorkerId), NotificationPolicy.InHand(open.Finding, open.InHand, today));
}

/// <summary>One change to an item's "in hand", with the name of whoever made it.</summary>
public sealed record HistoryEntry(AcknowledgementAudit Audit, string ByName);
