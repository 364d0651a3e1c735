using CpAlerts.Domain.Rules;
using CpAlerts.Tests.Shared;

namespace CpAlerts.Domain.Tests;

/// <summary>
/// The domain is pure, like NodaTime: no I/O, no clock, no randomness, no Azure or ASP.NET. Checked on the compiled
/// code (CompiledUses reads the IL), because a source or assembly-reference scan cannot see `System.IO.File` or
/// `DateTime.UtcNow`: both live in System.Runtime, which every assembly references.
/// </summary>
public class DomainPurityTests
{
    /// <summary>Namespaces whose every type is I/O, a platform, or the outside world.</summary>
    private static readonly string[] ForbiddenNamespaces = ["System.IO", "System.Net", "System.Data", "System.Threading", "System.Security", "Microsoft", "Azure"];

    /// <summary>Types that read the clock, the environment or chance, or write somewhere.</summary>
    private static readonly string[] ForbiddenTypes =
    [
        "System.Console", "System.Random", "System.TimeProvider", "System.Diagnostics.Stopwatch", "System.Diagnostics.Process",
        "System.Diagnostics.Debug", "System.Diagnostics.Trace", "System.Diagnostics.Activity", "NodaTime.SystemClock",
    ];

    /// <summary>Members of otherwise harmless types that read the clock or the machine.</summary>
    private static readonly string[] ForbiddenMembers =
    [
        "System.DateTime.get_Now", "System.DateTime.get_UtcNow", "System.DateTime.get_Today", "System.DateTimeOffset.get_Now",
        "System.DateTimeOffset.get_UtcNow", "System.Environment.GetEnvironmentVariable", "System.Environment.GetEnvironmentVariables",
        "System.Environment.get_TickCount", "System.Environment.get_TickCount64", "System.Environment.get_MachineName", "System.Environment.Exit",
        "System.Guid.NewGuid", "NodaTime.DateTimeZoneProviders.get_Bcl",
    ];

    private static IEnumerable<string> Impurities(IEnumerable<CompiledUses.Use> uses) => uses
        .Where(u => ForbiddenNamespaces.Any(n => u.ToNamespace == n || u.ToNamespace.StartsWith(n + ".", StringComparison.Ordinal))
                 || ForbiddenTypes.Contains(u.ToType)
                 || (u.Member is { } member && ForbiddenMembers.Contains($"{u.ToType}.{member}")))
        .Select(u => u.ToString())
        .Distinct();

    [Fact]
    public void The_domain_does_no_io_reads_no_clock_and_uses_nothing_from_azure_or_asp_net()
    {
        var uses = CompiledUses.Of(typeof(RulesEngine).Assembly);

        Assert.Contains(uses, u => u.ToNamespace == "NodaTime"); // the scan sees the domain's real dependencies
        Assert.Empty(Impurities(uses));
        Assert.DoesNotContain(typeof(RulesEngine).Assembly.GetReferencedAssemblies(), a => a.Name!.StartsWith("Azure", StringComparison.Ordinal) || a.Name.StartsWith("Microsoft.", StringComparison.Ordinal));
    }

    [Fact]
    public void File_reads_and_clock_reads_are_seen_however_they_are_written()
    {
        var found = Impurities(CompiledUses.Of(typeof(Impure))).ToList();

        Assert.Contains(found, f => f.EndsWith("System.IO.File.ReadAllText", StringComparison.Ordinal));
        Assert.Contains(found, f => f.EndsWith("System.DateTime.get_UtcNow", StringComparison.Ordinal));
        Assert.Contains(found, f => f.EndsWith("NodaTime.SystemClock.get_Instance", StringComparison.Ordinal));
        Assert.Contains(found, f => f.Contains("System.Net.Http.HttpClient", StringComparison.Ordinal));
        Assert.Empty(Impurities(CompiledUses.Of(typeof(Pure))));
    }

    // What the check must catch: a fully qualified file read, a clock read in a lambda, an HTTP client field.
    private sealed class Impure(System.Net.Http.HttpClient http)
    {
        public string Read() => System.IO.File.ReadAllText("children.csv") + http;

        public static Func<DateTime> Now() => () => DateTime.UtcNow;

        public static NodaTime.Instant Today() => NodaTime.SystemClock.Instance.GetCurrentInstant();
    }

    private sealed class Pure
    {
        public static NodaTime.LocalDate Next(NodaTime.LocalDate date) => date.PlusDays(1);

        public static IEnumerable<int> Counting(int to)
        {
            for (var i = 0; i < to; i++)
            {
                yield return i;
            }
        }
    }
}
