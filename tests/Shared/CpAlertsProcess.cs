using System.Diagnostics;
using System.Text;

namespace CpAlerts.Tests.Shared;

/// <summary>Runs the real operator's tool (built next to the tests) as a user would.</summary>
internal static class CpAlertsProcess
{
    /// <summary>The operator's tool (its verbs); the function app itself is CpAlerts.dll (HandlerProcess).</summary>
    public static string Dll => System.IO.Path.Combine(AppContext.BaseDirectory, "CpAlerts.Tool.dll");

    public static (int ExitCode, string Stdout, string Stderr) Run(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var process = Process.Start(StartInfo(environment, args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"CpAlerts {string.Join(' ', args)} did not finish in 5 minutes");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] args) => Run(null, args);

    /// <summary>Starts it and collects everything it prints, for tests that act while it runs.</summary>
    public static (Process Process, StringBuilder Output) Start(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var output = new StringBuilder();
        var process = Process.Start(StartInfo(environment, args))!;
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, output);
    }

    /// <summary>
    /// Waits for a <see cref="Start"/>ed process to exit and for everything it printed to be collected:
    /// a timed WaitForExit returns before redirected output is drained; only the untimed one waits for it.
    /// </summary>
    public static bool Finish(Process process, TimeSpan timeout)
    {
        if (!process.WaitForExit(timeout))
        {
            return false;
        }

        process.WaitForExit();
        return true;
    }

    private static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string>? environment, string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return start;
    }
}
