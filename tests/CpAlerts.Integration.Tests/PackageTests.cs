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

        foreach (var function in new[] { "DailySweep", "WeeklyDigest", "SweepCouncil", "DeliverDigest", "DeliverEscalation", "NotifyHealthTeam" })
        {
            Assert.True(File.Exists(Path.Combine(_folder, function, "function.json")), $"{function}/function.json");
        }

        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_folder, "Templates"), "*.liquid"));
        Assert.False(File.Exists(Path.Combine(_folder, "local.settings.json")), "no local settings (secrets) in the package");
        Assert.Empty(Directory.GetFiles(_folder, "*.pdb"));
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
