using MimeKit;

namespace CpAlerts.Application.Configuration;

/// <summary>
/// The one check every address passes before it can be stored or reach a mail header: exactly one
/// address (no list, no display name, no `a@b@c`), as MimeKit's RFC 5322 parser reads it, no longer
/// than 254 characters, with no whitespace or control characters (so no CR/LF can reach a header).
/// Deliverability is the mail service's to judge; a refused address is reported to the fallback mailbox.
/// </summary>
public static class EmailAddresses
{
    /// <summary>The longest address SMTP can carry (RFC 5321's 256-octet path less its angle brackets).</summary>
    public const int MaxLength = 254;

    public static bool IsValid(string? address) =>
        address is { Length: >= 3 and <= MaxLength } a
        && a.Count(c => c == '@') == 1
        && !a.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is ',' or ';' or '<' or '>' or '"' or '(' or ')')
        && MailboxAddress.TryParse(ParserOptions.Default, a, out var mailbox)
        && string.Equals(mailbox.Address, a, StringComparison.Ordinal)
        && mailbox.Address.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at < a.Length - 1;
}
