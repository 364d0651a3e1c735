using System.Diagnostics;

namespace CpAlerts.Functions.Tests;

/// <summary>Debian's Chromium, headless, with the flags this machine's closed network needs; returns what it prints (e.g. --dump-dom).</summary>
internal static class HeadlessChromium
{
    public static string Path => Environment.GetEnvironmentVariable("CPALERTS_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static string Run(string profile, params string[] args)
    {
        var start = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}" }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("Chromium did not finish in 90 seconds");
        }

        return stdout.Result;
    }
}
