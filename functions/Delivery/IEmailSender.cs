namespace CpAlerts.Functions.Delivery;

/// <summary>The last stage of delivery: hands one email to a mail service.</summary>
public interface IEmailSender
{
    Task<SendOutcome> SendAsync(OutgoingEmail email, CancellationToken cancellationToken);
}

/// <summary>What happened: sent; a transient failure worth retrying (429, 5xx, timeout); or a permanent one that no retry will fix.</summary>
public abstract record SendOutcome(string Description)
{
    public sealed record Sent(string Description) : SendOutcome(Description);

    public sealed record Transient(string Description, TimeSpan? RetryAfter = null) : SendOutcome(Description);

    public sealed record Permanent(string Description) : SendOutcome(Description);
}
