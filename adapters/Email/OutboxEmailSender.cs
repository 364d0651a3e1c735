using System.Text;
using CpAlerts.Application.Ports;
using MimeKit;

namespace CpAlerts.Adapters.Email;

/// <summary>
/// Local runs: writes each email as a standard .eml (multipart text + HTML) and the HTML part alone,
/// named by audience and message id, so the same message always lands in the same files. Dated by
/// <paramref name="clock"/> (default: the system's): the demo's emails are dated on its own clock, so they read in
/// the order its story happens, not the minute it was run.
/// </summary>
public sealed class OutboxEmailSender(string folder, string fromAddress, string fromName, NodaTime.IClock? clock = null) : IEmailSender
{
    public async Task<SendOutcome> SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(fromName, fromAddress));
        message.To.Add(new MailboxAddress(email.ToName ?? "", email.ToAddress));
        if (email.ReplyTo is { } replyTo)
        {
            message.ReplyTo.Add(new MailboxAddress(replyTo.Name ?? "", replyTo.Address));
        }
        message.Subject = email.Subject;
        message.Date = (clock ?? NodaTime.SystemClock.Instance).GetCurrentInstant().ToDateTimeOffset();
        message.MessageId = $"{email.MessageId}@cpalerts.local";
        message.Headers.Add("X-CpAlerts-Kind", email.Kind);
        message.Headers.Add("X-CpAlerts-Audience", email.Audience.ToString());
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

    /// <summary>
    /// The file name, from safe parts only: each part kept when it is letters, digits, '_' or '-' (up to
    /// 64), otherwise replaced by a hash of it, so a forged message cannot name a path outside the folder.
    /// </summary>
    public static string FileName(OutgoingEmail email) => $"{email.Audience}-{Safe(email.Kind)}-{Safe(email.MessageId)}";

    private static string Safe(string part) =>
        part.Length is > 0 and <= 64 && part.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
            ? part
            : "x" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(part)).AsSpan(0, 8));
}
