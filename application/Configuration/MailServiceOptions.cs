using Microsoft.Extensions.Configuration;

namespace CpAlerts.Application.Configuration;

/// <summary>
/// SendGrid when a key is configured (a Key Vault reference in Azure); otherwise an outbox folder for local runs; or,
/// when neither can be used, the <see cref="Problem"/>. Only delivery needs the mail service, so a problem here never
/// stops the handler (the host starts no function at all when the handler does not start, docs/host-contract.md):
/// timers, sweeps, the team view and the scorecard run, and every delivery fails as a configuration error until it is fixed.
/// </summary>
public sealed record MailServiceOptions(SendGridOptions? SendGrid, string? OutboxFolder)
{
    /// <summary>Why no email can be sent (a setting's name and what to do), or null when the mail service is usable.</summary>
    public string? Problem { get; init; }

    /// <summary>These options with one more reason no email can be sent (a wrong email setting, not only the mail service's).</summary>
    public MailServiceOptions AlsoUnusableBecause(string problem) => this with { Problem = Problem is null ? problem : $"{Problem}; {problem}" };

    public const string SendGridKeySetting = "CpAlerts:SendGrid:ApiKey";
    public const string SendGridHostSetting = "CpAlerts:SendGrid:Host";
    public const string SendGridTimeoutSetting = "CpAlerts:SendGrid:TimeoutSeconds";
    public const string OutboxSetting = "CpAlerts:Email:Outbox";

    public static MailServiceOptions Read(IConfiguration configuration)
    {
        try
        {
            if (configuration[SendGridKeySetting] is { Length: > 0 } key)
            {
                if (new[] { key, configuration[SendGridHostSetting], configuration[SendGridTimeoutSetting] }.Any(HandlerSettings.IsUnresolvedKeyVaultReference))
                {
                    // App Service passes an unresolved reference on as its own text ("Use Key Vault references").
                    throw new InvalidSettingException(SendGridKeySetting, "still reads @Microsoft.KeyVault(...): the Key Vault reference was not resolved. " +
                        "Check that the secret exists and that the app's managed identity has the Key Vault Secrets User role, then restart the app");
                }

                var timeout = SettingNumbers.Decimal(configuration, SendGridTimeoutSetting, 30, double.Epsilon, 300, "seconds, above 0 and at most 300");
                return new MailServiceOptions(new SendGridOptions(key, configuration[SendGridHostSetting], TimeSpan.FromSeconds(timeout)), null);
            }

            if (configuration[OutboxSetting] is { Length: > 0 } outbox)
            {
                return new MailServiceOptions(null, Path.GetFullPath(outbox));
            }

            throw new InvalidSettingException(SendGridKeySetting, "not set. Set it (in Azure: a Key Vault reference), or set CpAlerts__Email__Outbox to a folder for local runs");
        }
        catch (InvalidSettingException e)
        {
            return new MailServiceOptions(null, null) { Problem = e.Message };
        }
    }
}

/// <summary>SendGrid's API key, its base URL (null: SendGrid's global one) and how long to wait for it.</summary>
public sealed record SendGridOptions(string ApiKey, string? Host, TimeSpan Timeout)
{
    /// <summary>Never print the key.</summary>
    public override string ToString() => $"SendGrid at {Host ?? "the default host"}, timeout {Timeout.TotalSeconds} s";
}
