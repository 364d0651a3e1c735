using CpAlerts.Functions.Storage;
using CpAlerts.Functions.Sweep;
using Microsoft.Extensions.Configuration;
using NodaTime;

namespace CpAlerts.Functions.Configuration;

/// <summary>
/// Everything `serve` needs, validated at start-up: the handler refuses to start and names every
/// missing or invalid setting, rather than failing on the first message at 06:00.
/// </summary>
public sealed record HandlerSettings(int Port, string FallbackMailbox, SweepSettings Sweep, CpAlerts.Functions.Delivery.DeliverySettings Delivery, Func<CpAlerts.Functions.Delivery.IEmailSender> Sender)
{
    public const string SendGridKeySetting = "CpAlerts:SendGrid:ApiKey";
    public const string SendGridHostSetting = "CpAlerts:SendGrid:Host";
    public const string SendGridTimeoutSetting = "CpAlerts:SendGrid:TimeoutSeconds";
    public const string OutboxSetting = "CpAlerts:Email:Outbox";
    public const string PortSetting = "FUNCTIONS_CUSTOMHANDLER_PORT";
    public const string FallbackMailboxSetting = "CpAlerts:FallbackMailbox";
    public const string ClaimLeaseSetting = "CpAlerts:ClaimLeaseMinutes";
    public const string DeliveryLeaseSetting = "CpAlerts:Delivery:LeaseSeconds";
    public const string RetryFirstDelaySetting = "CpAlerts:Delivery:RetryFirstDelaySeconds";
    public const string RetryBudgetSetting = "CpAlerts:Delivery:RetryBudgetSeconds";

    /// <summary>What an App Service Key Vault reference looks like when the platform could not resolve it: the literal text reaches the app.</summary>
    public const string UnresolvedKeyVaultReference = "@Microsoft.KeyVault(";

    /// <summary>How long a delivery marked "sending" is left alone before a redelivery may send it again.</summary>
    public Duration DeliveryLease { get; init; } = Duration.FromMinutes(5);

    /// <summary>How a delivery that failed for a passing reason is retried inside the invocation before Service Bus redelivers it.</summary>
    public CpAlerts.Functions.Delivery.TransientRetry DeliveryRetry { get; init; } = CpAlerts.Functions.Delivery.TransientRetry.Default;

    /// <summary>The scorecard period published on the 1st of each month.</summary>
    public Domain.Scorecard.PeriodKind ScorecardPeriod { get; init; } = Domain.Scorecard.PeriodKind.Month;

    public static HandlerSettings Read(IConfiguration configuration, int? portOverride = null)
    {
        var problems = new List<string>();
        T Try<T>(Func<T> read, T fallback)
        {
            try
            {
                return read();
            }
            catch (InvalidSettingException e)
            {
                problems.Add(e.Message);
                return fallback;
            }
        }

        var port = portOverride ?? Try(() => int.TryParse(configuration[PortSetting], out var p) && p is > 0 and < 65536
            ? p
            : throw new InvalidSettingException(PortSetting, "missing or not a port number; the Functions host sets it, or pass --port"), 0);
        var fallback = Try(() => Mailbox(configuration[FallbackMailboxSetting]), "");
        var policy = Try(() => PolicySettings.ReadPolicy(configuration), Domain.Escalation.AlertPolicy.Default);
        var calendar = Try(() => PolicySettings.ReadCalendar(configuration), Domain.Calendar.WorkingCalendar.EnglandAndWales);
        var leaseMinutes = Try(() => WholeNumberAboveZero(configuration, ClaimLeaseSetting, "minutes", 15), 15);
        var deliveryLease = Try(() => WholeNumberAboveZero(configuration, DeliveryLeaseSetting, "seconds", 300), 300);
        Try(() => TableStorage.FromConfiguration(configuration), null);
        Try(() => ScorecardSettings.Read(configuration), null);
        var scorecardPeriod = Try(() => ScorecardSettings.ReadPeriod(configuration), Domain.Scorecard.PeriodKind.Month);
        var delivery = Try(() => CpAlerts.Functions.Delivery.DeliverySettings.Read(configuration, fallback), null);
        var sender = Try(() => SenderFrom(configuration, delivery), null);
        var firstDelay = Try(() => Seconds(configuration, RetryFirstDelaySetting, 2, 0, 60), 2);
        var budget = Try(() => Seconds(configuration, RetryBudgetSetting, 240, 0, 480), 240);
        foreach (var (key, value) in configuration.AsEnumerable())
        {
            if (value?.TrimStart().StartsWith(UnresolvedKeyVaultReference, StringComparison.OrdinalIgnoreCase) == true)
            {
                // App Service passes an unresolved reference through as its own text (docs: "Use Key Vault references").
                problems.Add(new InvalidSettingException(key, "still reads @Microsoft.KeyVault(...): the Key Vault reference was not resolved. " +
                    "Check that the secret exists and that the app's managed identity has the Key Vault Secrets User role").Message);
            }
        }

        return problems.Count > 0
            ? throw new SettingsException("CpAlerts cannot start; fix these settings:\n  - " + string.Join("\n  - ", problems))
            : new HandlerSettings(port, fallback, new SweepSettings(policy, calendar, fallback, Duration.FromMinutes(leaseMinutes)), delivery!, sender!)
            {
                DeliveryLease = Duration.FromSeconds(deliveryLease),
                DeliveryRetry = new(TimeSpan.FromSeconds(firstDelay), TimeSpan.FromSeconds(Math.Min(60, budget)), TimeSpan.FromSeconds(budget)),
                ScorecardPeriod = scorecardPeriod,
            };
    }

    private static int WholeNumberAboveZero(IConfiguration configuration, string key, string unit, int fallback) => configuration[key] is not { } text
        ? fallback
        : int.TryParse(text, out var n) && n > 0 ? n : throw new InvalidSettingException(key, $"must be a whole number of {unit} above zero");

    /// <summary>A number of seconds (decimals allowed) within bounds; the default when unset.</summary>
    private static double Seconds(IConfiguration configuration, string key, double fallback, double min, double max) => configuration[key] is not { } text
        ? fallback
        : double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new InvalidSettingException(key, $"must be a number of seconds from {min} to {max}");

    /// <summary>SendGrid when a key is configured (a Key Vault reference in Azure); otherwise an outbox folder for local runs.</summary>
    private static Func<CpAlerts.Functions.Delivery.IEmailSender> SenderFrom(IConfiguration configuration, CpAlerts.Functions.Delivery.DeliverySettings? delivery)
    {
        var from = delivery?.FromAddress ?? "";
        var fromName = delivery?.FromName ?? "";
        if (configuration[SendGridKeySetting] is { Length: > 0 } key)
        {
            var host = configuration[SendGridHostSetting];
            var timeout = configuration[SendGridTimeoutSetting] is { } text
                ? (double.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var t) && t is > 0 and <= 300 ? t : throw new InvalidSettingException(SendGridTimeoutSetting, "seconds, above 0 and at most 300"))
                : 30;
            return () => CpAlerts.Functions.Delivery.SendGridEmailSender.Create(key, from, fromName, host, TimeSpan.FromSeconds(timeout));
        }

        if (configuration[OutboxSetting] is { Length: > 0 } outbox)
        {
            return () => new CpAlerts.Functions.Delivery.OutboxEmailSender(Path.GetFullPath(outbox), from, fromName);
        }

        throw new InvalidSettingException(SendGridKeySetting, "not set. Set it (in Azure: a Key Vault reference), or set CpAlerts__Email__Outbox to a folder for local runs");
    }

    private static string Mailbox(string? value) =>
        CpAlerts.Functions.Delivery.EmailAddresses.IsValid(value)
            ? value!
            : throw new InvalidSettingException(FallbackMailboxSetting, "missing or not an email address; findings nobody else can be found for go there");
}
