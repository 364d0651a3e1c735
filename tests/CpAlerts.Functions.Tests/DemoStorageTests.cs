using CpAlerts.Application.Configuration;
using CpAlerts.Tool.Cli;
using Microsoft.Extensions.Configuration;
using NodaTime;

namespace CpAlerts.Functions.Tests;

/// <summary>`demo` replaces a council's records with synthetic children: it runs only against the local emulator, and refuses anything else before writing.</summary>
public class DemoStorageTests
{
    private static IConfiguration Tables(string key, string value) => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

    [Theory]
    [InlineData(TablesOptions.ConnectionStringSetting, "UseDevelopmentStorage=true", "127.0.0.1")]
    [InlineData(TablesOptions.ConnectionStringSetting, "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;", "127.0.0.1")]
    [InlineData(TablesOptions.ConnectionStringSetting, "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;TableEndpoint=http://localhost:10002/devstoreaccount1;", "localhost")]
    [InlineData(TablesOptions.ConnectionStringSetting, "DefaultEndpointsProtocol=https;AccountName=cpalertsprod;AccountKey=a2V5;EndpointSuffix=core.windows.net", null)]
    [InlineData(TablesOptions.ConnectionStringSetting, "DefaultEndpointsProtocol=http;AccountName=x;AccountKey=a2V5;TableEndpoint=http://10.0.0.4:10002/x;", null)]
    [InlineData(TablesOptions.EndpointSetting, "https://cpalertsprod.table.core.windows.net", null)]
    [InlineData(TablesOptions.ConnectionStringSetting, "UseDevelopmentStorage=true;DevelopmentStorageProxyUri=http://storage.council.example", null)]
    public void Only_the_local_emulator_counts_as_local(string key, string value, string? host) =>
        Assert.Equal(host, TablesOptions.Read(Tables(key, value)).LocalEmulatorHost());

    [Fact]
    public async Task Demo_pointed_at_a_real_account_refuses_before_writing_anything()
    {
        var output = Path.Combine(Path.GetTempPath(), "cpalerts-demo-refused-" + Guid.NewGuid().ToString("N")[..8]);

        var e = await Assert.ThrowsAsync<SettingsException>(() => DemoCommand.RunAsync(Tables(TablesOptions.EndpointSetting, "https://cpalertsprod.table.core.windows.net"),
            SystemClock.Instance, output, 10, 1, Instant.FromUtc(2026, 12, 3, 9, 0), "DEMO", TextWriter.Null, default));

        Assert.Contains("only against the local storage emulator", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output)); // not even the synthetic export
    }
}
