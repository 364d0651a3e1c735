using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace CpAlerts.Functions.Configuration;

/// <summary>SendGrid when a key is configured (a Key Vault reference in Azure); otherwise an outbox folder for local runs.</summary>
public sealed record MailServiceOptions(SendGridOptions? SendGrid, string? OutboxFolder)
{
    public const string SendGridKeySetting = "CpAlerts:SendGrid:ApiKey";
    public const string SendGridHostSetting = "CpAlerts:SendGrid:Host";
    public const string SendGridTimeoutSetting = "CpAlerts:SendGrid:TimeoutSeconds";
    public const string OutboxSetting = "CpAlerts:Email:Outbox";

    public static MailServiceOptions Read(IConfiguration configuration)
    {
        if (configuration[SendGridKeySetting] is { Length: > 0 } key)
        {
            var timeout = SettingNumbers.Decimal(configuration, SendGridTimeoutSetting, 30, double.Epsilon, 300, "seconds, above 0 and at most 300");
            return new MailServiceOptions(new SendGridOptions(key, configuration[SendGridHostSetting], TimeSpan.FromSeconds(timeout)), null);
        }

        if (configuration[OutboxSetting] is { Length: > 0 } outbox)
        {
            return new MailServiceOptions(null, Path.GetFullPath(outbox));
        }

        throw new InvalidSettingException(SendGridKeySetting, "not set. Set it (in Azure: a Key Vault reference), or set CpAlerts__Email__Outbox to a folder for local runs");
    }
}

/// <summary>SendGrid's API key, its base URL (null: SendGrid's global one) and how long to wait for it.</summary>
public sealed record SendGridOptions(string ApiKey, string? Host, TimeSpan Timeout)
{
    /// <summary>Never print the key.</summary>
    public override string ToString() => $"SendGrid at {Host ?? "the default host"}, timeout {Timeout.TotalSeconds} s";
}
