namespace CpAlerts.Functions.Delivery;

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
    string Audience);
