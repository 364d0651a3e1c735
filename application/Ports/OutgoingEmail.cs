namespace CpAlerts.Application.Ports;

/// <summary>One rendered email, ready for a sender. <see cref="MessageId"/> travels with it (SendGrid custom args, .eml header).</summary>
public sealed record OutgoingEmail(
    string ToAddress,
    string? ToName,
    string Subject,
    string Text,
    string Html,
    string MessageId,
    string Council,
    string Kind,
    EmailAudience Audience)
{
    /// <summary>Where a reply goes, when not to CpAlerts' own address (the IHA request: the child's social worker); null: the sender.</summary>
    public EmailContact? ReplyTo { get; init; }

    /// <summary>Files sent with the email (the scorecard page); none for alerts.</summary>
    public IReadOnlyList<EmailAttachment> Attachments { get; init; } = [];
}

/// <summary>An address and the name shown with it.</summary>
public sealed record EmailContact(string Address, string? Name);

public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);
