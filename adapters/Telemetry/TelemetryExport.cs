using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using CpAlerts.Application.Configuration;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CpAlerts.Adapters.Telemetry;

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

    /// <summary>
    /// In Azure the app's managed identity and nothing else: DefaultAzureCredential would first try the environment,
    /// workload identity and the other sources of its chain at start (cold start) and could sign in as something other
    /// than the identity the Bicep gave the Monitoring Metrics Publisher role. Off Azure (`import` on a workstation)
    /// DefaultAzureCredential finds the operator's own sign-in (`az login`, Visual Studio, …), and the client id, when
    /// given, for its managed-identity leg (an Azure VM or container that is not App Service).
    /// </summary>
    internal static TokenCredential? Credential(TelemetryOptions options) => options.SignIn switch
    {
        TelemetrySignIn.Key => null,
        TelemetrySignIn.SystemAssignedIdentity => new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned),
        TelemetrySignIn.UserAssignedIdentity => new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId!)),
        TelemetrySignIn.DeveloperCredentials => new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = options.ManagedIdentityClientId }),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.SignIn, null),
    };

    private static TelemetryExport Build(TelemetryOptions options, string connectionString, string role)
    {
        var credential = Credential(options);
        void Configure(AzureMonitorExporterOptions o)
        {
            o.ConnectionString = connectionString;
            o.Credential = credential;
            if (!options.SamplerChosen)
            {
                // Every invocation's span. The exporter's default sampler is rate-limited to 5 traces a second
                // (Azure.Monitor.OpenTelemetry.Exporter 1.6.0-beta.2 and later, CHANGELOG "Default Sampler Changed"), and a
                // span is a trace of its own here: a burst of 40 timer invocations in 0.3 s exported 7 spans
                // (TelemetryExportTests.Every_invocations_span_arrives_as_a_dependency_not_a_second_request). One span per
                // invocation costs no more than the host's own request per invocation. OTEL_TRACES_SAMPLER, when set, wins.
                o.SamplingRatio = 1.0F;
                o.TracesPerSecond = null;
            }
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
