using System.Diagnostics;

namespace CpAlerts.Integration.Tests;

/// <summary>A private Azurite (table service, persisted to a folder) that a test may kill and restart.</summary>
public sealed class OwnAzurite : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cpalerts-azurite-" + Guid.NewGuid().ToString("N")[..8]);
    private Process? _process;

    public int Port { get; } = HandlerProcess.FreePort();

    public string ConnectionString => Azurite.ConnectionString.Split(';')
        .Select(p => p.StartsWith("TableEndpoint=", StringComparison.Ordinal) ? $"TableEndpoint=http://127.0.0.1:{Port}/devstoreaccount1" : p)
        .Aggregate((a, b) => $"{a};{b}");

    public static async Task<OwnAzurite> StartAsync()
    {
        var azurite = new OwnAzurite();
        Directory.CreateDirectory(azurite._folder);
        await azurite.RestartAsync();
        return azurite;
    }

    public async Task RestartAsync()
    {
        var start = new ProcessStartInfo(Path.Combine(RepositoryRoot.Path, "node_modules", ".bin", "azurite-table")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--tableHost", "127.0.0.1", "--tablePort", Port.ToString(), "--location", _folder, "--skipApiVersionCheck", "--disableTelemetry", "--silent" })
        {
            start.ArgumentList.Add(arg);
        }

        _process?.Dispose(); // the one killed before this restart
        _process = Process.Start(start)!;
        var started = new TaskCompletionSource();
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("successfully started", StringComparison.Ordinal) == true)
            {
                started.TrySetResult();
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (await Task.WhenAny(started.Task, Task.Delay(TimeSpan.FromSeconds(30))) != started.Task)
        {
            throw new InvalidOperationException("the test's own Azurite did not start");
        }
    }

    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
