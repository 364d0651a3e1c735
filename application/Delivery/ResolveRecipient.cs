using CpAlerts.Application.Configuration;
using CpAlerts.Application.Messages;
using CpAlerts.Application.Ports;

namespace CpAlerts.Application.Delivery;

/// <summary>
/// Resolve: the recipient's current address from staff records (they may have changed since the sweep);
/// nobody found, or no address → the fallback mailbox; the scorecard → its mailbox; an ICB's health team → its
/// mailbox from settings.
/// </summary>
public sealed class ResolveRecipient(ICaseloadReader caseload, DeliverySettings settings) : IDeliveryStage
{
    public async Task<StageResult> RunAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        var envelope = delivery.Envelope;
        (string, string) address;
        if (envelope.Recipient == MessageRecipient.ScorecardMailbox)
        {
            address = (settings.ScorecardMailbox ?? settings.FallbackMailbox, "Corporate Parenting board");
        }
        else if (envelope.Recipient.HealthTeamIcb is { } icb)
        {
            // The ICB's mailbox may have been removed from settings since the sweep: then the fallback mailbox, never nobody.
            address = settings.HealthTeams.ByIcb.TryGetValue(icb, out var team) ? (team.Email, team.Name) : (settings.FallbackMailbox, "CpAlerts fallback mailbox");
        }
        else if (!envelope.Recipient.Fallback && envelope.Recipient.StaffId is { } staffId &&
                 await caseload.ReadStaffMemberAsync(envelope.Council, staffId, cancellationToken) is { Email: { Length: > 0 } email } member)
        {
            address = (email, member.Name);
        }
        else
        {
            address = (settings.FallbackMailbox, "CpAlerts fallback mailbox");
        }

        return new StageResult.HandOn(delivery with { Address = address });
    }
}
