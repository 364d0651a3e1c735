namespace CpAlerts.Application.Ports;

/// <summary>The last stage of delivery: hands one email to a mail service.</summary>
public interface IEmailSender
{
    Task<SendOutcome> SendAsync(OutgoingEmail email, CancellationToken cancellationToken);
}

/// <summary>
/// What happened: sent; a transient failure worth retrying (429, 5xx, timeout); a permanent one that no
/// retry of this email will fix (the address was refused); or our own configuration refused (401/403:
/// every email would fail the same way until an operator fixes the key, so nothing is recorded as failed).
/// </summary>
public abstract record SendOutcome(string Description)
{
    public sealed record Sent(string Description) : SendOutcome(Description);

    public sealed record Transient(string Description, TimeSpan? RetryAfter = null) : SendOutcome(Description);

    public sealed record Permanent(string Description) : SendOutcome(Description);

    public sealed record Misconfigured(string Description) : SendOutcome(Description);
}
