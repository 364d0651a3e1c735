using Microsoft.Extensions.Configuration;
using NodaTime;

namespace CpAlerts.Application.Configuration;

/// <summary>
/// Everything `serve` needs, read and validated once at start-up: the handler refuses to start and
/// names every missing or invalid setting, rather than failing on the first message at 06:00.
/// </summary>
public sealed record HandlerSettings(
    int Port,
    TablesOptions Tables,
    SweepSettings Sweep,
    DeliverySettings Delivery,
    MailServiceOptions MailService,
    ScorecardOptions Scorecard)
{
    public const string PortSetting = "FUNCTIONS_CUSTOMHANDLER_PORT";
    public const string FallbackMailboxSetting = "CpAlerts:FallbackMailbox";
    public const string DeliveryLeaseSetting = "CpAlerts:Delivery:LeaseSeconds";

    /// <summary>What an App Service Key Vault reference looks like when the platform could not resolve it: the literal text reaches the app.</summary>
    public const string UnresolvedKeyVaultReference = "@Microsoft.KeyVault(";

    public static readonly Duration DefaultDeliveryLease = Duration.FromMinutes(5);

    /// <summary>How long a delivery marked "sending" is left alone before a redelivery may send it again.</summary>
    public Duration DeliveryLease { get; init; } = DefaultDeliveryLease;

    /// <summary>How a delivery that failed for a passing reason is tried again: copies scheduled on Service Bus (`CpAlerts__Delivery__Retry*`).</summary>
    public RetrySchedule Retries { get; init; } = RetrySchedule.Default;

    /// <summary>
    /// The Service Bus namespace the host's bindings use (`ServiceBusConnection__fullyQualifiedNamespace`), where retry
    /// copies are scheduled; null where there is none (then a failed email fails its invocation instead).
    /// </summary>
    public string? ServiceBusNamespace { get; init; }

    /// <summary>A user-assigned identity's client id for Service Bus (`ServiceBusConnection__clientId`); null: the system-assigned one.</summary>
    public string? ServiceBusClientId { get; init; }

    public const string ServiceBusNamespaceSetting = "ServiceBusConnection:fullyQualifiedNamespace";
    public const string ServiceBusClientIdSetting = "ServiceBusConnection:clientId";

    /// <summary>How long closed findings, delivery records and import runs are kept (`CpAlerts__Retention__*`).</summary>
    public RetentionOptions Retention { get; init; } = RetentionOptions.Default;

    /// <summary>Where the handler's traces and metrics go (Application Insights, with Entra ID), if anywhere.</summary>
    public TelemetryOptions Telemetry { get; init; } = TelemetryOptions.None;

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
        var policy = Try(() => PolicySettings.ReadPolicy(configuration), Domain.Rules.AlertPolicy.Default);
        var calendar = Try(() => PolicySettings.ReadCalendar(configuration), Domain.Calendar.WorkingCalendar.EnglandAndWales);
        var deliveryLease = Try(() => SettingNumbers.Whole(configuration, DeliveryLeaseSetting, (int)DefaultDeliveryLease.TotalSeconds, 1, int.MaxValue, "must be a whole number of seconds above zero"), (int)DefaultDeliveryLease.TotalSeconds);
        var tables = Try(() => TablesOptions.Read(configuration), null);
        var scorecard = Try(() => ScorecardOptions.Read(configuration), ScorecardOptions.Default);
        // What emails look like and whom they come from is delivery's alone: a problem there fails deliveries (below, with the
        // mail service's), never the handler, which would stop every timer and sweep with it (docs/host-contract.md).
        DeliverySettings delivery;
        string? deliveryProblem = null;
        try
        {
            delivery = DeliverySettings.Read(configuration, fallback);
        }
        catch (InvalidSettingException e)
        {
            (delivery, deliveryProblem) = (DeliverySettings.Unusable(fallback), e.Message);
        }

        var mail = MailServiceOptions.Read(configuration); // never stops start-up: a problem here fails only deliveries
        if (deliveryProblem is not null)
        {
            mail = mail.AlsoUnusableBecause(deliveryProblem);
        }

        var healthTeams = Try(() => HealthTeamMailboxes.Read(configuration), HealthTeamMailboxes.None);
        var retention = Try(() => RetentionOptions.Read(configuration), RetentionOptions.Default);
        var ihaReport = Try(() => SettingFlags.Read(configuration, SweepSettings.IhaWeeklyReportSetting, true), true);
        var web = Try(() => WebSettings.Read(configuration), WebSettings.Off);
        var telemetry = Try(() => TelemetryOptions.Read(configuration), TelemetryOptions.None);
        var retries = Try(() => RetrySchedule.Read(configuration), RetrySchedule.Default);
        var messages = Try(() => MessageOptions.Read(configuration), MessageOptions.Default);
        var futureSkew = Try(() => SettingNumbers.Whole(configuration, SweepSettings.FutureSkewSetting, SweepSettings.DefaultFutureSkewMinutes, 0, 1440, "must be a whole number of minutes from 0 to 1440"), SweepSettings.DefaultFutureSkewMinutes);
        foreach (var (key, value) in configuration.AsEnumerable())
        {
            if (!IsUnresolvedKeyVaultReference(value) || key.StartsWith("CpAlerts:SendGrid:", StringComparison.OrdinalIgnoreCase))
            {
                continue; // the mail service's own settings: MailServiceOptions makes their problem delivery's
            }

            // App Service passes an unresolved reference through as its own text (docs: "Use Key Vault references").
            var problem = new InvalidSettingException(key, "still reads @Microsoft.KeyVault(...): the Key Vault reference was not resolved. " +
                "Check that the secret exists and that the app's managed identity has the Key Vault Secrets User role").Message;
            if (key.StartsWith(DeliverySettings.Section + ":", StringComparison.OrdinalIgnoreCase))
            {
                mail = mail.AlsoUnusableBecause(problem); // the email settings are delivery's alone too
            }
            else
            {
                problems.Add(problem);
            }
        }

        return problems.Count > 0
            ? throw new SettingsException("CpAlerts cannot start; fix these settings:\n  - " + string.Join("\n  - ", problems))
            : new HandlerSettings(port, tables!, new SweepSettings(policy, calendar, fallback) { HealthTeams = healthTeams, IhaWeeklyReport = ihaReport, Messages = messages, FutureSkew = Duration.FromMinutes(futureSkew) },
                delivery with { HealthTeams = healthTeams, Web = web }, mail, scorecard)
            {
                DeliveryLease = Duration.FromSeconds(deliveryLease),
                Retention = retention,
                Telemetry = telemetry,
                Retries = retries,
                ServiceBusNamespace = string.IsNullOrWhiteSpace(configuration[ServiceBusNamespaceSetting]) ? null : configuration[ServiceBusNamespaceSetting]!.Trim(),
                ServiceBusClientId = string.IsNullOrWhiteSpace(configuration[ServiceBusClientIdSetting]) ? null : configuration[ServiceBusClientIdSetting]!.Trim(),
            };
    }

    /// <summary>Whether a setting still holds an App Service Key Vault reference's own text (the platform could not resolve it).</summary>
    public static bool IsUnresolvedKeyVaultReference(string? value) =>
        value?.TrimStart(' ', '"', '\'').StartsWith(UnresolvedKeyVaultReference, StringComparison.OrdinalIgnoreCase) == true;

    private static string Mailbox(string? value) =>
        EmailAddresses.IsValid(value)
            ? value!
            : throw new InvalidSettingException(FallbackMailboxSetting, "missing or not an email address; findings nobody else can be found for go there");
}
