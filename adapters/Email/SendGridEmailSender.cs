using System.Net;
using CpAlerts.Application.Ports;
using SendGrid;
using SendGrid.Helpers.Mail;
using SendGrid.Helpers.Reliability;

namespace CpAlerts.Adapters.Email;

/// <summary>
/// Sends through SendGrid's v3 mail-send API with the official client. A short Retry-After on 429 is
/// honoured in-process (bounded); anything longer, 5xx and timeouts go back to Service Bus to retry.
/// </summary>
public sealed class SendGridEmailSender(ISendGridClient client, string fromAddress, string fromName) : IEmailSender
{
    /// <summary>Longest Retry-After waited for in-process; beyond it the message is retried by Service Bus instead.</summary>
    public static readonly TimeSpan MaxInProcessWait = TimeSpan.FromSeconds(5);

    public static SendGridEmailSender Create(string apiKey, string fromAddress, string fromName, string? host, TimeSpan timeout)
    {
        var options = new SendGridClientOptions
        {
            ApiKey = apiKey,
            // Retries are ours (and Service Bus's), so that 429 and 5xx are handled in one visible place.
            ReliabilitySettings = new ReliabilitySettings(0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero),
        };
        if (!string.IsNullOrEmpty(host))
        {
            options.Host = host;
        }

        return new SendGridEmailSender(new SendGridClient(new HttpClient { Timeout = timeout }, options), fromAddress, fromName);
    }

    public async Task<SendOutcome> SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var outcome = await SendOnceAsync(email, cancellationToken);
            if (outcome is SendOutcome.Transient { RetryAfter: { } wait } && wait <= MaxInProcessWait && attempt < 3)
            {
                await Task.Delay(wait, cancellationToken);
                continue;
            }

            return outcome;
        }
    }

    private async Task<SendOutcome> SendOnceAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        var message = MailHelper.CreateSingleEmail(
            new EmailAddress(fromAddress, fromName), new EmailAddress(email.ToAddress, email.ToName), email.Subject, email.Text, email.Html);
        if (email.ReplyTo is { } replyTo)
        {
            message.SetReplyTo(new EmailAddress(replyTo.Address, replyTo.Name));
        }

        message.AddCustomArg("cpalerts_message_id", email.MessageId);
        message.AddCustomArg("cpalerts_council", email.Council);
        message.AddCategory($"cpalerts-{email.Kind}");
        foreach (var attachment in email.Attachments)
        {
            message.AddAttachment(attachment.FileName, Convert.ToBase64String(attachment.Content), attachment.ContentType);
        }

        // Reading an alert must not be tracked by a link rewriter that could leak case-record URLs.
        message.SetClickTracking(false, false);
        message.SetOpenTracking(false);

        Response response;
        try
        {
            response = await client.SendEmailAsync(message, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new SendOutcome.Transient($"SendGrid unreachable or timed out ({e.GetType().Name})");
        }

        var status = (int)response.StatusCode;
        return status switch
        {
            >= 200 and < 300 => new SendOutcome.Sent($"SendGrid accepted ({status})"),
            429 => new SendOutcome.Transient("SendGrid rate limit (429)", RetryAfter(response)),
            >= 500 => new SendOutcome.Transient($"SendGrid server error ({status})"),
            (int)HttpStatusCode.RequestTimeout => new SendOutcome.Transient("SendGrid request timeout (408)"),
            // An unresolved Key Vault reference reaches the app as the literal "@Microsoft.KeyVault(...)" text,
            // and a revoked or under-scoped key looks the same: our configuration, not this email.
            401 or 403 => new SendOutcome.Misconfigured($"SendGrid refused the API key ({status}): check CpAlerts__SendGrid__ApiKey and its Key Vault reference"),
            _ => new SendOutcome.Permanent($"SendGrid refused the email ({status})"),
        };
    }

    private static TimeSpan? RetryAfter(Response response)
    {
        var header = response.Headers?.RetryAfter;
        return header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
    }
}
