using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;

namespace CpAlerts.Integration.Tests;

/// <summary>out/cpalerts.zip as Azure would unpack it (scripts/package.sh builds it; scripts/test.sh runs that first).</summary>
public sealed class PackageTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cpalerts-package-" + Guid.NewGuid().ToString("N")[..8]);

    public PackageTests()
    {
        var zip = RepositoryRoot.Out("cpalerts.zip");
        if (!File.Exists(zip))
        {
            throw new InvalidOperationException($"{zip} is missing: run scripts/package.sh (scripts/test.sh does).");
        }

        ZipFile.ExtractToDirectory(zip, _folder);
    }

    [Fact]
    public void The_zip_has_the_custom_handler_layout()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(_folder, "host.json")))!;
        var executable = Path.Combine(_folder, (string)host["customHandler"]!["description"]!["defaultExecutablePath"]!);
        Assert.True(File.Exists(executable), "host.json names an executable that is in the package");
        Assert.True(OperatingSystem.IsLinux(), "the package is for linux-x64");
        if (OperatingSystem.IsLinux())
        {
            Assert.True(File.GetUnixFileMode(executable).HasFlag(UnixFileMode.UserExecute), "the executable keeps its executable bit");
        }

        foreach (var function in new[] { "DailySweep", "WeeklyDigest", "SweepCouncil", "DeliverDigest", "DeliverEscalation", "NotifyHealthTeam", "Home", "TeamView" })
        {
            Assert.True(File.Exists(Path.Combine(_folder, function, "function.json")), $"{function}/function.json");
        }

        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_folder, "Templates"), "*.liquid"));
        Assert.False(File.Exists(Path.Combine(_folder, "local.settings.json")), "no local settings (secrets) in the package");
        Assert.Empty(Directory.GetFiles(_folder, "*.pdb"));
    }

    [Fact]
    public void The_zip_holds_the_app_only_no_operator_verbs_no_synthetic_generator_no_local_stand_ins()
    {
        // Our assemblies in the package, and every type they define (read from metadata, as ReadyToRun keeps it).
        var ours = Directory.GetFiles(_folder, "CpAlerts*.dll").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
        [
            "CpAlerts", "CpAlerts.Adapters.Csv", "CpAlerts.Adapters.Email", "CpAlerts.Adapters.Scorecards", "CpAlerts.Adapters.ServiceBus",
            "CpAlerts.Adapters.Storage", "CpAlerts.Adapters.Telemetry", "CpAlerts.Application", "CpAlerts.Domain",
        ], ours);
        var types = ours.SelectMany(a => TypeNames(Path.Combine(_folder, a + ".dll"))).ToList();

        Assert.Contains("CpAlerts.Functions.Handler.HandlerApp", types); // the scan sees the app
        Assert.DoesNotContain(types, t => t.StartsWith("CpAlerts.Tool", StringComparison.Ordinal) || t.StartsWith("CpAlerts.Testing", StringComparison.Ordinal));
        Assert.Equal(["CpAlerts.Functions.Handler.ServeCommand"], types.Where(t => t.EndsWith("Command", StringComparison.Ordinal)));
        Assert.DoesNotContain(types, t => t.Contains("Synthetic", StringComparison.Ordinal) || t.Contains("Flaky", StringComparison.Ordinal)
            || t.Contains("LocalDispatcher", StringComparison.Ordinal) || t.Contains("ShiftedClock", StringComparison.Ordinal) || t.Contains("ExportWriter", StringComparison.Ordinal));
    }

    private static IEnumerable<string> TypeNames(string assembly)
    {
        using var pe = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(assembly));
        var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        return [.. metadata.TypeDefinitions.Select(metadata.GetTypeDefinition)
            .Where(t => t.GetDeclaringType().IsNil) // top-level types; nested ones share their names
            .Select(t => $"{metadata.GetString(t.Namespace)}.{metadata.GetString(t.Name)}")];
    }

    [Fact]
    public async Task The_packaged_executable_serves_a_timer_invocation_without_dotnet_installed_alongside()
    {
        var port = HandlerProcess.FreePort();
        var start = new ProcessStartInfo(Path.Combine(_folder, "CpAlerts"), "serve") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _folder };
        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString();
        start.Environment["CpAlerts__Tables__ConnectionString"] = Azurite.ConnectionString;
        start.Environment["CpAlerts__FallbackMailbox"] = HandlerProcess.Fallback;
        start.Environment["CpAlerts__Email__FromAddress"] = "cpalerts@council.example";
        start.Environment["CpAlerts__Email__Outbox"] = Path.Combine(_folder, "outbox");
        start.Environment.Remove("DOTNET_ROOT");
        using var process = Process.Start(start)!;
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        var payload = HandlerProcess.TimerPayload("DailySweep", DateTimeOffset.Parse("2026-12-15T05:00:00Z", null));
        HttpResponseMessage? response = null;
        for (var i = 0; i < 300 && response is null && !process.HasExited; i++)
        {
            try
            {
                response = await client.PostAsync("DailySweep", new StringContent(payload, System.Text.Encoding.UTF8, "application/json"));
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        try
        {
            Assert.NotNull(response);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Outputs", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            response?.Dispose();
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
