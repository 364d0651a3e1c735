using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using CpAlerts.Functions.Configuration;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CpAlerts.Functions.Telemetry;

/// <summary>
/// Sends the handler's spans and metrics to Application Insights with the Azure Monitor exporter, signed in
/// with Entra ID. Only CpAlerts' own sources are exported: framework and SDK spans could carry URLs with keys.
/// Metrics are otherwise exported once a minute: the command line disposes (flushes) at its end, and the handler
/// flushes after each invocation, because the host ends it with Process.Kill and nothing runs at shutdown
/// (azure-functions-host, Workers/ProcessManagement/WorkerProcess.cs, Dispose) — a sweep's heartbeat must not be lost.
/// </summary>
public sealed class TelemetryExport : IDisposable
{
    private readonly TracerProvider _traces;
    private readonly MeterProvider _metrics;

    private TelemetryExport(TracerProvider traces, MeterProvider metrics) => (_traces, _metrics) = (traces, metrics);

    /// <summary>
    /// Null when no connection string is set (nothing is exported, nothing started), and when the exporter refuses it:
    /// then <paramref name="problem"/> says why. Telemetry never stops the alerts.
    /// </summary>
    public static TelemetryExport? Start(TelemetryOptions options, string role, out string? problem)
    {
        problem = options.Problem;
        if (options.ConnectionString is not { } connectionString)
        {
            return null;
        }

        try
        {
            return Build(options, connectionString, role);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            // The exporter's message can quote the connection string: the setting's name and the type only.
            problem = $"{TelemetryOptions.ConnectionStringSetting} was refused by the Azure Monitor exporter ({e.GetType().Name}); copy it from the Application Insights resource";
            return null;
        }
    }

    private static TelemetryExport Build(TelemetryOptions options, string connectionString, string role)
    {
        TokenCredential? credential = !options.EntraId ? null
            : options.ManagedIdentityClientId is { } clientId ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential(); // the app's own identity in Azure; `az login` on a workstation
        void Configure(AzureMonitorExporterOptions o)
        {
            o.ConnectionString = connectionString;
            o.Credential = credential;
        }

        // cloud_RoleName "CpAlerts"; cloud_RoleInstance "serve" (the handler) or the command that ran.
        var resource = ResourceBuilder.CreateEmpty().AddService("CpAlerts", serviceInstanceId: role);
        var traces = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource).AddSource(InvocationTrace.SourceName).AddAzureMonitorTraceExporter(Configure).Build();
        var metrics = Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource).AddMeter(HandlerMetrics.MeterName).AddAzureMonitorMetricExporter(Configure).Build();
        return new TelemetryExport(traces, metrics);
    }

    private const int FlushTimeoutMilliseconds = 10_000;

    private int _requested;
    private int _running;

    /// <summary>
    /// Flushes soon, off the caller's thread, one flush at a time: asked again while one runs, it runs once more
    /// after it (so a burst of invocations costs at most two flushes in a row, not a blocked thread each).
    /// </summary>
    public void FlushSoon()
    {
        Volatile.Write(ref _requested, 1);
        if (Interlocked.CompareExchange(ref _running, 1, 0) == 0)
        {
            _ = Task.Run(FlushWhileRequested);
        }
    }

    private void FlushWhileRequested()
    {
        do
        {
            while (Interlocked.Exchange(ref _requested, 0) == 1)
            {
                _metrics.ForceFlush(FlushTimeoutMilliseconds);
                _traces.ForceFlush(FlushTimeoutMilliseconds);
            }

            Volatile.Write(ref _running, 0);
        }
        while (Volatile.Read(ref _requested) == 1 && Interlocked.CompareExchange(ref _running, 1, 0) == 0);
    }

    public void Dispose()
    {
        _metrics.Dispose();
        _traces.Dispose();
    }
}
