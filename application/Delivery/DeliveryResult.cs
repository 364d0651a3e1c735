namespace CpAlerts.Application.Delivery;

/// <summary>How one message's delivery ended, and so what the handler answers the host.</summary>
public abstract record DeliveryResult(string Description)
{
    public sealed record Delivered(string Description) : DeliveryResult(Description);

    public sealed record Duplicate(string Description) : DeliveryResult(Description);

    /// <summary>Answer non-2xx so the host abandons the message and Service Bus retries it.</summary>
    public sealed record Retry(string Description) : DeliveryResult(Description);

    public sealed record Failed(string Description) : DeliveryResult(Description);

    /// <summary>Our own configuration is wrong (the mail service refused the key): fail loudly and retry, never record the email as failed.</summary>
    public sealed record Misconfigured(string Description) : DeliveryResult(Description);
}
