using CpAlerts.Application.Configuration;
using CpAlerts.Application.Ports;
using CpAlerts.Domain.Acknowledgements;
using CpAlerts.Domain.Notifications;
using CpAlerts.Domain.Recipients;
using CpAlerts.Domain.Records;
using CpAlerts.Domain.Rules;
using NodaTime;

namespace CpAlerts.Functions.Web;

/// <summary>One open item in the team view: the child, the finding, their social worker, and who said it is in hand.</summary>
public sealed record TeamItem(ChildRecords Child, Finding Finding, StaffMember? Worker, Acknowledgement? Acknowledgement, StaffMember? AcknowledgedBy, InHandState InHand);

/// <summary>
/// The open items a member of staff is responsible for (<see cref="TeamScope"/>), evaluated from the stored records
/// at the moment asked, exactly as the sweep evaluates them, in the digest's order.
/// </summary>
public sealed class TeamItems(ICaseloadReader caseload, IAcknowledgementStore acknowledgements, SweepSettings settings)
{
    public async Task<IReadOnlyList<TeamItem>> ReadAsync(string council, TeamScope scope, StaffDirectory staff, Instant asOf, CancellationToken cancellationToken)
    {
        var context = new EvaluationContext(asOf, settings.Calendar, settings.Policy);
        var inHand = await acknowledgements.ReadCurrentAsync(council, cancellationToken);
        var items = new List<TeamItem>();
        await foreach (var child in caseload.ReadChildrenAsync(council, cancellationToken))
        {
            if (scope.Covers(child.Child, staff))
            {
                items.AddRange(RulesEngine.Standard.Evaluate(child, context).Select(f => Item(child, f, staff, inHand.GetValueOrDefault(f.Key), context.AsOfDate)));
            }
        }

        var order = NotificationPolicy.DigestOrder(context.AsOfDate, new Urgency(settings.Policy));
        return [.. items.OrderBy(i => i.Finding, order)];
    }

    /// <summary>One child's open finding with this key, or null when the child is not found or the finding is no longer open.</summary>
    public async Task<TeamItem?> FindAsync(string council, string childId, string findingKey, StaffDirectory staff, Instant asOf, CancellationToken cancellationToken)
    {
        var context = new EvaluationContext(asOf, settings.Calendar, settings.Policy);
        await foreach (var child in caseload.ReadChildrenAsync(CouncilPartition.Of(council, childId), cancellationToken))
        {
            if (child.Child.ChildId != childId)
            {
                continue;
            }

            // Found: the rest of the partition is other children.
            return RulesEngine.Standard.Evaluate(child, context).FirstOrDefault(f => f.Key == findingKey) is { } finding
                ? Item(child, finding, staff, await acknowledgements.ReadAsync(council, findingKey, cancellationToken), context.AsOfDate)
                : null;
        }

        return null;
    }

    private static TeamItem Item(ChildRecords child, Finding finding, StaffDirectory staff, Acknowledgement? acknowledgement, LocalDate today) =>
        new(child, finding, staff.Find(child.Child.SocialWorkerId), acknowledgement, staff.Find(acknowledgement?.ByStaffId),
            NotificationPolicy.InHand(finding, acknowledgement, today));
}
