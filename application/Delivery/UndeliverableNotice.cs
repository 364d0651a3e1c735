using CpAlerts.Application.Messages;
using CpAlerts.Application.Ports;
using CpAlerts.Domain.Recipients;

namespace CpAlerts.Application.Delivery;

/// <summary>
/// When an email cannot be delivered, nothing it carried is lost: the fallback mailbox is told (so someone fixes
/// the address) and, for an email to a member of staff other than a digest, so is their manager, who can act on
/// the items meanwhile. Each notice lists the items by case reference, goes through the same pipeline under its
/// own message id (sent once), and a notice that cannot be sent yet answers Retry, so the original message is
/// retried rather than a notice lost. A bounced digest's content goes to the fallback mailbox (a worker's whole
/// week is not a manager's to take over).
/// </summary>
public sealed class UndeliverableNotice(ICaseloadReader caseload)
{
    private Func<DeliveryEnvelope, CancellationToken, Task<DeliveryResult>>? _deliver;

    /// <summary>The pipeline the notice goes through (set once, where the pipeline is composed).</summary>
    public void SendThrough(Func<DeliveryEnvelope, CancellationToken, Task<DeliveryResult>> deliver) => _deliver = deliver;

    /// <summary>The notices' result (Retry if any must be retried); null when the undeliverable message was itself a notice (the logs carry that).</summary>
    public async Task<DeliveryResult?> ReportAsync(DeliveryEnvelope envelope, string reason, CancellationToken cancellationToken)
    {
        if (envelope.Kind == EmailKind.Undeliverable)
        {
            return null;
        }

        var deliver = _deliver ?? throw new InvalidOperationException("UndeliverableNotice has no pipeline to send through");
        var intended = envelope.Recipient.StaffId is { } staffId ? await caseload.ReadStaffMemberAsync(envelope.Council, staffId, cancellationToken) : null;
        var intendedWords = intended?.Name ?? envelope.Recipient switch
        {
            { Fallback: true } => "the fallback mailbox",
            { HealthTeamIcb: { } icb } => $"the health team for ICB {icb}",
            { Mailbox: { } } => "the scorecard mailbox",
            var r => $"staff id {r.Key}",
        };
        var standIn = envelope.Kind != EmailKind.Digest && intended?.ManagerId is { } managerId && managerId != intended.StaffId
            && await caseload.ReadStaffMemberAsync(envelope.Council, managerId, cancellationToken) is { Email: { Length: > 0 } } manager
            ? manager
            : null;

        // The address that was refused, so whoever reads the notice can correct it; the reason in plain words (the delivery log keeps the mail service's).
        var address = intended?.Email;
        var fix = envelope.Recipient.StaffId is null ? "please check the mailbox set in CpAlerts' settings"
            : address is null ? "please correct the address in the staff records" : $"please check {address} in the staff records of the case-management system";
        var words = ReasonWords(reason);
        // The fallback notice keeps its id from before stand-ins were told, so a notice already sent is not sent again.
        var notices = new List<DeliveryEnvelope>
        {
            Notice(envelope, MessageSchema.IdFor(envelope.MessageId, EmailKind.Undeliverable.Name()), MessageRecipient.FallbackMailbox, EmailAudience.Fallback, intendedWords, address, words,
                $"You are the council's CpAlerts fallback mailbox: {fix}, and make sure these items reach someone who can act on them."),
        };
        if (standIn is not null)
        {
            notices.Add(Notice(envelope, MessageSchema.IdFor(envelope.MessageId, EmailKind.Undeliverable.Name(), standIn.StaffId), MessageRecipient.Staff(standIn.StaffId),
                EmailAudiences.Of(AudienceRoles.AudienceOf(standIn.Role)), intendedWords, address, words, $"You are told because you manage {intendedWords}: please make sure these items are acted on."));
        }

        DeliveryResult? worst = null;
        foreach (var notice in notices)
        {
            var result = await deliver(notice, cancellationToken);
            result = result is DeliveryResult.Misconfigured misconfigured ? new DeliveryResult.Retry(misconfigured.Description) : result;
            worst = worst is DeliveryResult.Retry ? worst : result;
        }

        return worst;
    }

    /// <summary>Why, for the people who read the notice: what the mail service's answer means, without its codes.</summary>
    public static string ReasonWords(string reason) =>
        reason.Contains("at any attempt", StringComparison.Ordinal) ? "the mail service could not be reached at any of CpAlerts' attempts, over several hours"
        // SendGrid's 400 is most often an address it will not take; other refusals say less, so the words do too.
        : reason.Contains("(400)", StringComparison.Ordinal) ? "the mail service refused it, most likely the address: it may be mistyped, or the mailbox closed"
        : reason.Contains("refused", StringComparison.Ordinal) ? "the mail service refused it"
        : "the mail service could not deliver it";

    private static DeliveryEnvelope Notice(DeliveryEnvelope original, string id, MessageRecipient to, EmailAudience audience, string intended, string? address, string reason, string why) =>
        new(original.Council, id, EmailKind.Undeliverable, to, audience,
            (name, _) => Task.FromResult(EmailContent.Undeliverable(original.Kind, original.MessageId, name, intended, address, reason, why, original.Items)));
}
