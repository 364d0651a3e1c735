using System.Diagnostics;

namespace CpAlerts.Adapters.Telemetry;

/// <summary>
/// One trace span per function invocation, named after the function and carrying the host's invocation id
/// (the X-Azure-Functions-InvocationId header), so a span in Application Insights (`dependencies`, type InProc)
/// can be matched with the host's own record of the invocation (`requests`) and with the handler's log lines,
/// which carry the same id.
/// </summary>
public static class InvocationTrace
{
    public const string SourceName = "CpAlerts";

    private static readonly ActivitySource Source = new(SourceName);
    private static int _invocations;

    /// <summary>
    /// Starts the invocation's span (null when nothing listens). A W3C traceparent from the host, when it sends
    /// one, makes it a child of the host's trace; without one it starts a trace of its own.
    /// </summary>
    public static Activity? Start(string function, string? invocationId, string? traceparent, string? tracestate)
    {
        var first = Interlocked.Increment(ref _invocations) == 1;
        ActivityContext.TryParse(traceparent, tracestate, isRemote: true, out var parent);
        // Never a child of ASP.NET Core's own request activity: nothing exports it, so the span would hang off a parent
        // Application Insights never sees (and a parent-based sampler, if OTEL_TRACES_SAMPLER chose one, would drop it).
        // Without the host's traceparent the invocation is a trace of its own.
        Activity.Current = null;
        // Internal, not Server (which the FaaS conventions would suggest): the Functions host already records every
        // invocation as a request, and the Azure Monitor exporter turns Server and Consumer spans into requests too, so
        // each invocation showed twice in `requests`. The exporter maps Client, Producer and Internal spans to
        // dependencies (Azure/azure-sdk-for-net, sdk/monitor/Azure.Monitor.OpenTelemetry.Exporter/src/Internals/
        // ActivityExtensions.cs, GetTelemetryType; TraceHelper.cs builds RequestData or RemoteDependencyData from it), and
        // an Internal one gets the dependency type "InProc" (src/Customizations/Models/RemoteDependencyData.cs): the
        // handler's work inside the host's request, under it in the transaction view when the host sends a traceparent.
        var activity = Source.StartActivity(function, ActivityKind.Internal, parent);
        if (activity is not null)
        {
            // OpenTelemetry semantic conventions for FaaS spans.
            activity.SetTag("faas.invocation_id", invocationId);
            activity.SetTag("faas.coldstart", first);
        }

        return activity;
    }

    /// <summary>Marks the span failed with the status code the host got (the reason is in the handler's log line, not here).</summary>
    public static void Finish(Activity? activity, int statusCode)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("http.response.status_code", statusCode);
        activity.SetStatus(statusCode is >= 200 and < 300 ? ActivityStatusCode.Ok : ActivityStatusCode.Error);
    }
}
