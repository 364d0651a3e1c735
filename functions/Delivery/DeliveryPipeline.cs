using CpAlerts.Functions.Messages;
using CpAlerts.Functions.Configuration;
using CpAlerts.Functions.Ports;
using NodaTime;

namespace CpAlerts.Functions.Delivery;

/// <summary>
/// One email's way out, in the order of Alertmanager's notification pipeline:
/// resolve recipient → dedupe → render → send → record. Each stage is one call below.
/// </summary>
public sealed class DeliveryPipeline(ICaseloadReader caseload, IDeliveryLog log, IEmailRenderer templates, IEmailSender sender, DeliverySettings settings, IClock clock)
{
    /// <summary>Everything delivery needs to know about a message, whatever its kind.</summary>
    public sealed record Envelope(string Council, string MessageId, string Kind, MessageRecipient Recipient, string Audience,
        Func<string, CancellationToken, Task<Dictionary<string, object?>>> Model)
    {
        public Func<CancellationToken, Task<IReadOnlyList<EmailAttachment>>>? Attachments { get; init; }
    }

    public async Task<DeliveryResult> DeliverAsync(Envelope envelope, CancellationToken cancellationToken)
    {
        var address = await ResolveAsync(envelope, cancellationToken);

        var claim = await log.BeginAsync(envelope.Council, envelope.MessageId, envelope.Kind, clock.GetCurrentInstant(), cancellationToken);
        switch (claim.Outcome)
        {
            case DeliveryClaim.Decision.AlreadySent:
                return new DeliveryResult.Duplicate($"message {envelope.MessageId} was already sent");
            case DeliveryClaim.Decision.AlreadyFailed:
                // The fallback notice may be what failed last time: try it again (it has its own id, so it is sent once).
                return await ReportUndeliverableAsync(envelope, claim.Detail ?? "refused", cancellationToken) is DeliveryResult.Retry retry
                    ? retry
                    : new DeliveryResult.Duplicate($"message {envelope.MessageId} was already handled (undeliverable, reported)");
            case DeliveryClaim.Decision.InProgressElsewhere:
                return new DeliveryResult.Retry($"message {envelope.MessageId} is being delivered by another invocation");
        }

        OutgoingEmail email;
        try
        {
            var (subject, text, html) = templates.Render(envelope.Kind, await envelope.Model(address.Name, cancellationToken));
            email = new OutgoingEmail(address.Email, address.Name, subject, text, html, envelope.MessageId, envelope.Council, envelope.Kind, envelope.Audience)
            {
                Attachments = envelope.Attachments is { } attach ? await attach(cancellationToken) : [],
            };
        }
        catch (Exception e)
        {
            // Nothing was sent: release the claim, or every redelivery would find it "sending" until the lease
            // ran out, and the message would use up its deliveries and be dead-lettered without a real try.
            await log.RecordAsync(claim, DeliveryStatus.Retry, $"failed before sending ({e.GetType().Name})", clock.GetCurrentInstant(), CancellationToken.None);
            throw;
        }

        // An exception from the send itself leaves the claim "sending": the mail service may have the email,
        // so only the lease may let a redelivery send it again (the one documented duplicate window).
        var outcome = await sender.SendAsync(email, cancellationToken);

        return await RecordAsync(envelope, claim, outcome, cancellationToken);
    }

    /// <summary>The recipient's current address: staff records may have changed since the sweep; nobody found → the fallback mailbox.</summary>
    private async Task<(string Email, string Name)> ResolveAsync(Envelope envelope, CancellationToken cancellationToken)
    {
        if (envelope.Recipient.Mailbox == DeliverySettings.ScorecardMailboxName)
        {
            return (settings.ScorecardMailbox ?? settings.FallbackMailbox, "Corporate Parenting scorecard mailbox");
        }

        if (!envelope.Recipient.Fallback && envelope.Recipient.StaffId is { } staffId &&
            await caseload.ReadStaffMemberAsync(envelope.Council, staffId, cancellationToken) is { Email: { Length: > 0 } email } member)
        {
            return (email, member.Name);
        }

        return (settings.FallbackMailbox, "CpAlerts fallback mailbox");
    }

    private async Task<DeliveryResult> RecordAsync(Envelope envelope, DeliveryClaim claim, SendOutcome outcome, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        switch (outcome)
        {
            case SendOutcome.Sent sent:
                await log.RecordAsync(claim, DeliveryStatus.Sent, sent.Description, now, cancellationToken);
                return new DeliveryResult.Delivered(sent.Description);
            case SendOutcome.Transient transient:
                await log.RecordAsync(claim, DeliveryStatus.Retry, transient.Description, now, cancellationToken);
                return new DeliveryResult.Retry(transient.Description);
            case SendOutcome.Misconfigured misconfigured:
                await log.RecordAsync(claim, DeliveryStatus.Retry, misconfigured.Description, now, cancellationToken);
                return new DeliveryResult.Misconfigured(misconfigured.Description);
            default:
                await log.RecordAsync(claim, DeliveryStatus.Failed, outcome.Description, now, cancellationToken);
                return await ReportUndeliverableAsync(envelope, outcome.Description, cancellationToken) is DeliveryResult.Retry retry
                    ? retry
                    : new DeliveryResult.Failed(outcome.Description);
        }
    }

    /// <summary>
    /// A permanent failure is surfaced to the fallback mailbox (ids and reason only), then completed: no
    /// retry storm. If the notice itself could not be sent yet, the answer is Retry, so the redelivered
    /// message tries the notice again rather than losing it.
    /// </summary>
    private async Task<DeliveryResult?> ReportUndeliverableAsync(Envelope envelope, string reason, CancellationToken cancellationToken)
    {
        if (envelope.Kind == "undeliverable")
        {
            return null; // the fallback mailbox itself refused: the delivery log and the handler log carry it
        }

        var notice = new Envelope(envelope.Council, MessageSchema.IdFor(envelope.MessageId, "undeliverable"), "undeliverable",
            new MessageRecipient(null, true), "Fallback",
            (_, _) => Task.FromResult(EmailContent.Undeliverable(envelope.Kind, envelope.MessageId, envelope.Recipient.Key, reason)));
        var result = await DeliverAsync(notice, cancellationToken);
        return result is DeliveryResult.Misconfigured misconfigured ? new DeliveryResult.Retry(misconfigured.Description) : result;
    }
}

public abstract record DeliveryResult(string Description)
{
    public sealed record Delivered(string Description) : DeliveryResult(Description);

    public sealed record Duplicate(string Description) : DeliveryResult(Description);

    /// <summary>Answer non-2xx so the host abandons the message and Service Bus retries it.</summary>
    public sealed record Retry(string Description) : DeliveryResult(Description);

    public sealed record Failed(string Description) : DeliveryResult(Description);

    /// <summary>Our own configuration is wrong (the mail service refused the key): fail loudly and retry, never record the email as failed.</summary>
    public sealed record Misconfigured(string Description) : DeliveryResult(Description);
}
