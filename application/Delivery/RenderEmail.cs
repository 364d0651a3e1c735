using CpAlerts.Application.Messages;
using CpAlerts.Application.Ports;

namespace CpAlerts.Application.Delivery;

/// <summary>Render: the model for the recipient, through the council's templates, into an email (with any attachments).</summary>
public sealed class RenderEmail(IEmailRenderer templates) : IDeliveryStage
{
    public async Task<StageResult> RunAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        var envelope = delivery.Envelope;
        var (email, name) = delivery.Address ?? throw new InvalidOperationException("render before resolve");
        var model = await envelope.Model(name, cancellationToken);
        var (subject, text, html) = templates.Render(envelope.Kind.Name(), model);
        var outgoing = new OutgoingEmail(email, name, subject, text, html, envelope.MessageId, envelope.Council, envelope.Kind.Name(), envelope.Audience)
        {
            // A model may say who replies should reach (EmailContent.ReplyToKey): the IHA request's social worker.
            ReplyTo = model.GetValueOrDefault(EmailContent.ReplyToKey) is string { Length: > 0 } replyTo ? new EmailContact(replyTo, model.GetValueOrDefault(EmailContent.ReplyToNameKey) as string) : null,
            Attachments = envelope.Attachments is { } attach ? await attach(cancellationToken) : [],
        };
        return new StageResult.HandOn(delivery with { Email = outgoing });
    }
}
