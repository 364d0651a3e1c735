using CpAlerts.Application.Configuration;
using CpAlerts.Application.Ports;

namespace CpAlerts.Adapters.Email;

/// <summary>The configured mail service: SendGrid with its key, the outbox folder for local runs, or none that can be used.</summary>
public static class MailServices
{
    /// <param name="clock">What the outbox dates its emails by (the demo's own clock); SendGrid dates its own.</param>
    public static IEmailSender Create(MailServiceOptions options, DeliverySettings delivery, NodaTime.IClock? clock = null) => options switch
    {
        { Problem: { } problem } => new UnusableMailService(problem),
        { SendGrid: { } sendGrid } => SendGridEmailSender.Create(sendGrid.ApiKey, delivery.FromAddress, delivery.FromName, sendGrid.Host, sendGrid.Timeout),
        _ => new OutboxEmailSender(options.OutboxFolder!, delivery.FromAddress, delivery.FromName, clock),
    };

    /// <summary>
    /// No mail service can be used (the SendGrid key not set, or a Key Vault reference not resolved yet): every send is our
    /// configuration's fault, so it is retried and logged as a configuration error, never recorded as undeliverable.
    /// </summary>
    private sealed class UnusableMailService(string problem) : IEmailSender
    {
        public Task<SendOutcome> SendAsync(OutgoingEmail email, CancellationToken cancellationToken) =>
            Task.FromResult<SendOutcome>(new SendOutcome.Misconfigured($"no email can be sent until this is fixed: {problem}"));
    }
}
