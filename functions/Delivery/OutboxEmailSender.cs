using System.Text;
using MimeKit;

namespace CpAlerts.Functions.Delivery;

/// <summary>
/// Local runs: writes each email as a standard .eml (multipart text + HTML) and the HTML part alone,
/// named by audience and message id, so the same message always lands in the same files.
/// </summary>
public sealed class OutboxEmailSender(string folder, string fromAddress, string fromName) : IEmailSender
{
    public async Task<SendOutcome> SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(fromName, fromAddress));
        message.To.Add(new MailboxAddress(email.ToName ?? "", email.ToAddress));
        message.Subject = email.Subject;
        message.MessageId = $"{email.MessageId}@cpalerts.local";
        message.Headers.Add("X-CpAlerts-Kind", email.Kind);
        message.Headers.Add("X-CpAlerts-Audience", email.Audience);
        message.Headers.Add("X-CpAlerts-Council", email.Council);
        var body = new BodyBuilder { TextBody = email.Text, HtmlBody = email.Html };
        foreach (var attachment in email.Attachments)
        {
            body.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.ContentType));
        }

        message.Body = body.ToMessageBody();

        var name = FileName(email);
        await message.WriteToAsync(Path.Combine(folder, name + ".eml"), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, name + ".html"), email.Html, new UTF8Encoding(false), cancellationToken);
        return new SendOutcome.Sent($"written to {name}.eml");
    }

    public static string FileName(OutgoingEmail email) => $"{email.Audience}-{email.Kind}-{email.MessageId}";
}
