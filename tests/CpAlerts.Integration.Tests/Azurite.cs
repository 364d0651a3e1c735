using CpAlerts.Adapters.Storage;
using CpAlerts.Application.Configuration;
using Microsoft.Extensions.Configuration;

namespace CpAlerts.Integration.Tests;

/// <summary>The Azurite that scripts/test.sh started. Each test uses its own council code, so tests share it safely.</summary>
public static class Azurite
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("CpAlerts__Tables__ConnectionString") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("CpAlerts__Tables__ConnectionString is not set: run the integration tests through scripts/test.sh, which starts Azurite.");

    public static IConfiguration Configuration(params (string Key, string Value)[] extra) =>
        new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?> { [TablesOptions.ConnectionStringSetting] = ConnectionString }
                .Concat(extra.Select(e => new KeyValuePair<string, string?>(e.Key, e.Value)))).Build();

    public static async Task<TableStorage> StorageAsync()
    {
        var storage = TableStorage.FromConfiguration(Configuration());
        await storage.EnsureTablesAsync();
        return storage;
    }

    /// <summary>
    /// Has the council's first sweep (its baseline) happen on <paramref name="day"/>, before the test's own sweeps,
    /// so those are ordinary daily sweeps that escalate what changes. Pick a working day before anything is due.
    /// </summary>
    public static async Task GoLiveAsync(TableStorage storage, string council, NodaTime.LocalDate day)
    {
        var sweep = new CpAlerts.Application.Sweep.CouncilSweep(new CaseloadStore(storage), new FindingStateStore(storage), SweepSettings.Default("fallback@council.example"));
        var first = await sweep.RunDailyAsync(council, Domain.Calendar.LondonTime.ToInstant(day.At(new NodaTime.LocalTime(6, 0))), $"go-live {council}");
        if (first.Escalations.Count > 0)
        {
            throw new InvalidOperationException($"GoLiveAsync({day}) should be a day with nothing yet due");
        }
    }

    public static string NewCouncil() => ("T" + Guid.NewGuid().ToString("N")[..10]).ToUpperInvariant();
}
