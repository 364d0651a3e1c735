namespace CpAlerts.Functions.Delivery;

/// <summary>
/// The one check every address passes before it can reach a mail header: something@something, with no
/// whitespace or control characters (so no CR/LF can be smuggled into a header). Deliverability is
/// the mail service's to judge; a refused address is reported to the fallback mailbox.
/// </summary>
public static class EmailAddresses
{
    public static bool IsPlausible(string? address) =>
        address is { Length: >= 3 } a
        && a.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at < a.Length - 1
        && !a.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));
}
