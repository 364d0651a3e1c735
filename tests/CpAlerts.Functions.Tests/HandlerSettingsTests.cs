using Azure.Identity;
using CpAlerts.Adapters.Telemetry;
using CpAlerts.Application.Configuration;
using CpAlerts.Domain.Scorecards;
using Microsoft.Extensions.Configuration;
using NodaTime;

namespace CpAlerts.Functions.Tests;

public class HandlerSettingsTests
{
    private static readonly Dictionary<string, string?> Valid = new()
    {
        ["CpAlerts:FallbackMailbox"] = "fallback@council.example",
        ["CpAlerts:Email:FromAddress"] = "cpalerts@council.example",
        ["CpAlerts:Email:Outbox"] = "outbox",
        ["CpAlerts:Tables:ConnectionString"] = "UseDevelopmentStorage=true",
    };

    private static HandlerSettings Read(params (string Key, string Value)[] overrides)
    {
        var values = new Dictionary<string, string?>(Valid);
        foreach (var (key, value) in overrides)
        {
            values[key] = value;
        }

        return HandlerSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), portOverride: 7071);
    }

    [Fact]
    public void Unset_settings_take_their_defaults()
    {
        var settings = Read();
        Assert.Equal(Duration.FromMinutes(120), settings.Sweep.Messages.RedriveGrace);
        Assert.Equal(192 * 1024, settings.Sweep.Messages.BudgetBytes);
        Assert.Equal(Duration.FromMinutes(5), settings.DeliveryLease);
        Assert.Equal(PeriodKind.Month, settings.Scorecard.Period);
    }

    [Fact]
    public void Set_settings_are_used()
    {
        var settings = Read(("CpAlerts:Messages:RedriveGraceMinutes", "20"), ("CpAlerts:Delivery:LeaseSeconds", "90"), ("CpAlerts:Scorecard:Period", "quarter"));
        Assert.Equal(Duration.FromMinutes(20), settings.Sweep.Messages.RedriveGrace);
        Assert.Equal(Duration.FromSeconds(90), settings.DeliveryLease);
        Assert.Equal(PeriodKind.Quarter, settings.Scorecard.Period);
    }

    [Fact]
    public void Every_bad_setting_is_named_at_once()
    {
        var e = Assert.Throws<SettingsException>(() => Read(
            ("CpAlerts:Messages:RedriveGraceMinutes", "0"), ("CpAlerts:Delivery:LeaseSeconds", "1.5"), ("CpAlerts:Scorecard:Period", "fortnight")));
        Assert.Contains("CpAlerts__Messages__RedriveGraceMinutes", e.Message, StringComparison.Ordinal);
        Assert.Contains("whole number of minutes from 1 to 1440", e.Message, StringComparison.Ordinal);
        Assert.Contains("CpAlerts__Delivery__LeaseSeconds", e.Message, StringComparison.Ordinal);
        Assert.Contains("whole number of seconds above zero", e.Message, StringComparison.Ordinal);
        Assert.Contains("CpAlerts__Scorecard__Period", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_vault_reference_the_platform_could_not_resolve_stops_start_up_by_name_when_every_function_needs_it()
    {
        var e = Assert.Throws<SettingsException>(() => Read(("CpAlerts:Tables:Prefix", "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/prefix/)")));

        Assert.Contains("CpAlerts__Tables__Prefix", e.Message, StringComparison.Ordinal);
        Assert.Contains("Key Vault Secrets User", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CpAlerts:Email:FromAddress", "not an address", "CpAlerts__Email__FromAddress")]
    [InlineData("CpAlerts:Email:CaseRecordUrlTemplate", "cases.council.example", "CpAlerts__Email__CaseRecordUrlTemplate")]
    [InlineData("CpAlerts:Email:FullNamesFor", "Everyone", "CpAlerts__Email__FullNamesFor")]
    [InlineData("CpAlerts:Email:IhaRequestNames", "sometimes", "CpAlerts__Email__IhaRequestNames: 'sometimes' is not true or false")]
    [InlineData("CpAlerts:Email:FromName", "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/from/)", "CpAlerts__Email__FromName: still reads @Microsoft.KeyVault")]
    public void A_wrong_email_setting_stops_only_delivery_and_the_team_view_shows_initials_without_links(string key, string value, string named)
    {
        var settings = Read((key, value));

        Assert.Contains(named, settings.MailService.Problem, StringComparison.Ordinal);
        Assert.Empty(settings.Delivery.FullNamesFor);
        Assert.Null(settings.Delivery.CaseLink("C1", Domain.Escalation.Audience.SocialWorker));
    }

    [Theory]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/sendgrid/)", "Key Vault Secrets User")]
    [InlineData(null, "CpAlerts__Email__Outbox")]
    public void A_mail_service_that_cannot_be_used_stops_only_delivery_not_start_up(string? key, string advice)
    {
        var values = new List<(string, string)> { ("CpAlerts:Email:Outbox", "") };
        if (key is not null)
        {
            values.Add(("CpAlerts:SendGrid:ApiKey", key));
        }

        var settings = Read([.. values]); // starts: timers, sweeps, the team view and the scorecard do not need the mail service

        Assert.Contains("CpAlerts__SendGrid__ApiKey", settings.MailService.Problem, StringComparison.Ordinal);
        Assert.Contains(advice, settings.MailService.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CpAlerts:Delivery:RetryAttempts", "0")]
    [InlineData("CpAlerts:Delivery:RetryAttempts", "51")]
    [InlineData("CpAlerts:Delivery:RetryFirstDelaySeconds", "soon")]
    [InlineData("CpAlerts:Delivery:RetryFirstDelaySeconds", "0")]
    [InlineData("CpAlerts:Delivery:RetryMaxDelayMinutes", "-1")]
    [InlineData("CpAlerts:Messages:BudgetKB", "257000")]
    [InlineData("CpAlerts:Messages:BudgetKB", "4")]
    [InlineData("CpAlerts:Messages:RedriveGraceMinutes", "0")]
    public void Delivery_retry_and_message_settings_are_checked(string key, string value)
    {
        var e = Assert.Throws<SettingsException>(() => Read((key, value)));
        Assert.Contains(key.Replace(":", "__", StringComparison.Ordinal), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_retry_schedule_doubles_to_half_an_hour_and_outlasts_a_two_hour_outage()
    {
        var schedule = Read().Retries;

        Assert.Equal([1, 2, 4, 8, 16, 30, 30, 30, 30], Enumerable.Range(1, schedule.Attempts - 1).Select(a => schedule.DelayAfter(a).TotalMinutes));
        Assert.Equal(TimeSpan.FromMinutes(151), schedule.Span);
    }

    [Fact]
    public void Retry_and_message_settings_are_read()
    {
        var settings = Read(("CpAlerts:Delivery:RetryFirstDelaySeconds", "30"), ("CpAlerts:Delivery:RetryMaxDelayMinutes", "5"), ("CpAlerts:Delivery:RetryAttempts", "4"),
            ("CpAlerts:Messages:BudgetKB", "100"), ("CpAlerts:Messages:RedriveGraceMinutes", "30"), ("ServiceBusConnection:fullyQualifiedNamespace", "sb-cpalerts.servicebus.windows.net"));

        Assert.Equal([0.5, 1, 2], Enumerable.Range(1, settings.Retries.Attempts - 1).Select(a => settings.Retries.DelayAfter(a).TotalMinutes));
        Assert.Equal(100 * 1024, settings.Sweep.Messages.BudgetBytes);
        Assert.Equal(NodaTime.Duration.FromMinutes(30), settings.Sweep.Messages.RedriveGrace);
        Assert.Equal("sb-cpalerts.servicebus.windows.net", settings.ServiceBusNamespace);
        Assert.Null(Read().ServiceBusNamespace); // no namespace: retries cannot be scheduled, and the invocation fails instead
    }

    [Fact]
    public void Health_team_mailboxes_are_read_by_icb_for_the_sweep_and_for_delivery()
    {
        var settings = Read(("CpAlerts:HealthTeams:qyg", "cm.lac@nhs.example"), ("CpAlerts:HealthTeams:qyg:Name", "Cheshire and Merseyside LAC health"));

        Assert.Equal("cm.lac@nhs.example", settings.Sweep.HealthTeams.Addresses["QYG"]);
        Assert.Equal(new HealthTeamMailboxes.Mailbox("cm.lac@nhs.example", "Cheshire and Merseyside LAC health"), settings.Delivery.HealthTeams.ByIcb["QYG"]);
        Assert.True(settings.Delivery.IhaRequestShowsName); // the health team books by name and NHS number unless a council turns names off
    }

    [Theory]
    [InlineData("CpAlerts:HealthTeams:Cheshire West", "cw.lac@nhs.example", "CpAlerts__HealthTeams__Cheshire West: the name after HealthTeams__ must be an ICB code")]
    [InlineData("CpAlerts:HealthTeams:QYG", "not an address", "CpAlerts__HealthTeams__QYG: must be the health team's email address")]
    [InlineData("CpAlerts:Reports:IhaWeekly", "yes", "CpAlerts__Reports__IhaWeekly: 'yes' is not true or false")]
    [InlineData("CpAlerts:Policy:Rules:DENTAL_CHECK:SameDayAlert", "maybe", "CpAlerts__Policy__Rules__DENTAL_CHECK__SameDayAlert: 'maybe' is not true or false")]
    [InlineData("CpAlerts:Retention:DeliveriesDays", "7", "CpAlerts__Retention__DeliveriesDays")]
    public void A_wrong_health_team_setting_is_named(string key, string value, string message)
    {
        var e = Assert.Throws<SettingsException>(() => Read((key, value)));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    // sign-in, platform flag, App Service's site name → the sign-in used (off when refused, with the reason logged)
    [InlineData(null, null, null, SignInMode.Off, false)]
    [InlineData("platform", "True", "cpalerts-func", SignInMode.Platform, false)]
    [InlineData("platform", "true", "cpalerts-func", SignInMode.Platform, false)]
    [InlineData("platform", null, "cpalerts-func", SignInMode.Off, true)]     // Easy Auth not on: the header could be forged
    [InlineData("platform", "False", "cpalerts-func", SignInMode.Off, true)]
    [InlineData("development", null, null, SignInMode.Development, false)]   // a workstation
    [InlineData("development", null, "cpalerts-func", SignInMode.Off, true)] // refused in Azure
    public void An_unsafe_sign_in_turns_the_team_view_off_and_the_alerts_still_start(string? signIn, string? authEnabled, string? siteName, SignInMode used, bool refused)
    {
        var overrides = new List<(string, string)>();
        if (signIn is not null) overrides.Add((WebSettings.SignInSetting, signIn));
        if (authEnabled is not null) overrides.Add((WebSettings.PlatformAuthEnabled, authEnabled));
        if (siteName is not null) overrides.Add(("WEBSITE_SITE_NAME", siteName));
        var web = Read([.. overrides]).Delivery.Web;
        Assert.Equal(used, web.SignIn);
        Assert.Equal(refused, web.Refusal is not null);
    }

    [Theory]
    [InlineData(WebSettings.SignInSetting, "plaform", "is not one of platform, development or off")]
    [InlineData(WebSettings.BaseUrlSetting, "http://cpalerts.example", "https address")]
    [InlineData(WebSettings.BaseUrlSetting, "https://cpalerts.example/api", "without a path")]
    public void A_wrong_web_setting_is_named(string key, string value, string problem)
    {
        var e = Assert.Throws<SettingsException>(() => Read((key, value)));
        Assert.Contains(key.Replace(":", "__", StringComparison.Ordinal), e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_in_hand_link_escapes_what_it_carries()
    {
        var web = Read((WebSettings.BaseUrlSetting, "https://cpalerts.example/")).Delivery.Web;
        Assert.Equal("https://cpalerts.example/api/acknowledge?council=DEMO&child=C%2F1&finding=IHA_COMPLETION%7CC%2F1%7C2026-11-20",
            web.AcknowledgeLink("DEMO", "C/1", "IHA_COMPLETION|C/1|2026-11-20"));
        Assert.Null(Read().Delivery.Web.AcknowledgeLink("DEMO", "C1", "x"));
    }

    [Theory]
    [InlineData(null, false, null)]
    [InlineData("Authorization=AAD", true, null)]
    [InlineData("authorization=aad; ClientId=6a3c2f0e-1b7d-4c59-9f0a-2d4e8b1c7a90", true, "6a3c2f0e-1b7d-4c59-9f0a-2d4e8b1c7a90")]
    public void Telemetry_signs_in_as_the_host_setting_says(string? authentication, bool entraId, string? clientId)
    {
        var overrides = new List<(string, string)> { ("APPLICATIONINSIGHTS_CONNECTION_STRING", "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://ingest.example/") };
        if (authentication is not null)
        {
            overrides.Add(("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", authentication));
        }

        var telemetry = Read([.. overrides]).Telemetry;
        Assert.True(telemetry.Exported);
        Assert.Equal(entraId, telemetry.EntraId);
        Assert.Equal(clientId, telemetry.ManagedIdentityClientId);
    }

    [Theory]
    [InlineData("Authorization=AAD", "http://localhost:42356/msi/token", TelemetrySignIn.SystemAssignedIdentity, typeof(ManagedIdentityCredential))]
    [InlineData("Authorization=AAD;ClientId=6a3c2f0e-1b7d-4c59-9f0a-2d4e8b1c7a90", "http://localhost:42356/msi/token", TelemetrySignIn.UserAssignedIdentity, typeof(ManagedIdentityCredential))]
    [InlineData("Authorization=AAD", null, TelemetrySignIn.DeveloperCredentials, typeof(DefaultAzureCredential))]
    [InlineData("Authorization=AAD;ClientId=6a3c2f0e-1b7d-4c59-9f0a-2d4e8b1c7a90", null, TelemetrySignIn.DeveloperCredentials, typeof(DefaultAzureCredential))]
    [InlineData(null, "http://localhost:42356/msi/token", TelemetrySignIn.Key, null)]
    public void Telemetry_uses_the_managed_identity_in_Azure_and_the_whole_credential_chain_only_off_it(string? authentication, string? identityEndpoint,
        TelemetrySignIn signIn, Type? credential)
    {
        var overrides = new List<(string, string)> { ("APPLICATIONINSIGHTS_CONNECTION_STRING", "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://ingest.example/") };
        if (authentication is not null)
        {
            overrides.Add(("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", authentication));
        }

        if (identityEndpoint is not null)
        {
            overrides.Add(("IDENTITY_ENDPOINT", identityEndpoint)); // App Service sets it when the app has a managed identity
        }

        var telemetry = Read([.. overrides]).Telemetry;
        Assert.Equal(signIn, telemetry.SignIn);
        Assert.Equal(credential, TelemetryExport.Credential(telemetry)?.GetType());
    }

    [Fact]
    public void Every_span_is_kept_unless_OTEL_TRACES_SAMPLER_chooses_otherwise()
    {
        Assert.False(Read(("APPLICATIONINSIGHTS_CONNECTION_STRING", "InstrumentationKey=00000000-0000-0000-0000-000000000000")).Telemetry.SamplerChosen);
        Assert.True(Read(("APPLICATIONINSIGHTS_CONNECTION_STRING", "InstrumentationKey=00000000-0000-0000-0000-000000000000"),
            ("OTEL_TRACES_SAMPLER", "microsoft.rate_limited")).Telemetry.SamplerChosen);
    }

    [Fact]
    public void No_connection_string_means_no_telemetry_export() => Assert.False(Read().Telemetry.Exported);

    [Theory]
    [InlineData("Authorization=Key")]
    [InlineData("Authorization=AAD;ClientId=not-a-guid")]
    public void A_telemetry_sign_in_other_than_Entra_ID_turns_telemetry_off_and_says_why_but_the_handler_starts(string authentication)
    {
        var telemetry = Read(("APPLICATIONINSIGHTS_CONNECTION_STRING", "InstrumentationKey=00000000-0000-0000-0000-000000000000"), ("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", authentication)).Telemetry;
        Assert.False(telemetry.Exported);
        Assert.StartsWith("APPLICATIONINSIGHTS_AUTHENTICATION_STRING ", telemetry.Problem, StringComparison.Ordinal);
        Assert.Contains("must be", telemetry.Problem, StringComparison.Ordinal);
    }
}
