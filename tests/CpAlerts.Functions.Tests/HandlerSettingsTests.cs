using CpAlerts.Domain.Scorecards;
using CpAlerts.Functions.Configuration;
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
        Assert.Equal(Duration.FromMinutes(15), settings.Sweep.ClaimLease);
        Assert.Equal(Duration.FromMinutes(5), settings.DeliveryLease);
        Assert.Equal(PeriodKind.Month, settings.Scorecard.Period);
    }

    [Fact]
    public void Set_settings_are_used()
    {
        var settings = Read(("CpAlerts:ClaimLeaseMinutes", "20"), ("CpAlerts:Delivery:LeaseSeconds", "90"), ("CpAlerts:Scorecard:Period", "quarter"));
        Assert.Equal(Duration.FromMinutes(20), settings.Sweep.ClaimLease);
        Assert.Equal(Duration.FromSeconds(90), settings.DeliveryLease);
        Assert.Equal(PeriodKind.Quarter, settings.Scorecard.Period);
    }

    [Fact]
    public void Every_bad_setting_is_named_at_once()
    {
        var e = Assert.Throws<SettingsException>(() => Read(
            ("CpAlerts:ClaimLeaseMinutes", "0"), ("CpAlerts:Delivery:LeaseSeconds", "1.5"), ("CpAlerts:Scorecard:Period", "fortnight")));
        Assert.Contains("CpAlerts__ClaimLeaseMinutes", e.Message, StringComparison.Ordinal);
        Assert.Contains("whole number of minutes above zero", e.Message, StringComparison.Ordinal);
        Assert.Contains("CpAlerts__Delivery__LeaseSeconds", e.Message, StringComparison.Ordinal);
        Assert.Contains("whole number of seconds above zero", e.Message, StringComparison.Ordinal);
        Assert.Contains("CpAlerts__Scorecard__Period", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_vault_reference_the_platform_could_not_resolve_stops_start_up_by_name()
    {
        var e = Assert.Throws<SettingsException>(() => Read(("CpAlerts:SendGrid:ApiKey", "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/sendgrid/)")));

        Assert.Contains("CpAlerts__SendGrid__ApiKey", e.Message, StringComparison.Ordinal);
        Assert.Contains("Key Vault Secrets User", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CpAlerts:Delivery:RetryBudgetSeconds", "481")]
    [InlineData("CpAlerts:Delivery:RetryBudgetSeconds", "-1")]
    [InlineData("CpAlerts:Delivery:RetryFirstDelaySeconds", "soon")]
    public void Delivery_back_off_settings_are_checked(string key, string value)
    {
        var e = Assert.Throws<SettingsException>(() => Read((key, value)));
        Assert.Contains(key.Replace(":", "__", StringComparison.Ordinal), e.Message, StringComparison.Ordinal);
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
    [InlineData("CpAlerts:Email:IhaRequestNames", "sometimes", "CpAlerts__Email__IhaRequestNames: 'sometimes' is not true or false")]
    [InlineData("CpAlerts:Reports:IhaWeekly", "yes", "CpAlerts__Reports__IhaWeekly: 'yes' is not true or false")]
    [InlineData("CpAlerts:Policy:Rules:DENTAL_CHECK:SameDayAlert", "maybe", "CpAlerts__Policy__Rules__DENTAL_CHECK__SameDayAlert: 'maybe' is not true or false")]
    [InlineData("CpAlerts:Retention:DeliveriesDays", "7", "CpAlerts__Retention__DeliveriesDays")]
    public void A_wrong_health_team_setting_is_named(string key, string value, string message)
    {
        var e = Assert.Throws<SettingsException>(() => Read((key, value)));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }
}
