using System.Text.Json;
using CpAlerts.Adapters.Storage;
using CpAlerts.Adapters.Telemetry;

namespace CpAlerts.Functions.Handler;

/// <summary>
/// The custom handler's HTTP surface: POST /{FunctionName} per function.json folder. A non-2xx answer
/// fails the invocation: the host abandons the Service Bus message, which is redelivered at once and
/// dead-lettered after maxDeliveryCount, or applies the timer's retry policy. The host reads Outputs and
/// Logs only from a 2xx answer (Azure/azure-functions-host, Workers/Http/DefaultHttpWorkerService.cs:
/// EnsureSuccessStatusCode comes first), so failures are logged here, where the host captures stderr.
/// </summary>
public static class FunctionEndpoints
{
    /// <summary>The header the host sends with every invocation (DefaultHttpWorkerService, HttpInvokerConstants).</summary>
    public const string InvocationIdHeader = "X-Azure-Functions-InvocationId";

    private static readonly Func<ILogger, string, string, IDisposable?> InvocationScope =
        LoggerMessage.DefineScope<string, string>("{Function} invocation {InvocationId}");

    public delegate Task<InvocationResponse> FunctionHandler(InvocationRequest request, CancellationToken cancellationToken);

    public static void Map(WebApplication app, IReadOnlyDictionary<string, FunctionHandler> functions)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CpAlerts.Handler");
        foreach (var (name, function) in functions)
        {
            app.MapPost($"/{name}", async (HttpContext http) =>
            {
                // Every line logged during the invocation carries the function and the host's invocation id.
                var invocationId = http.Request.Headers[InvocationIdHeader].ToString();
                using var scope = InvocationScope(logger, name, invocationId.Length > 0 ? invocationId : "(none)");
                using var trace = InvocationTrace.Start(name, invocationId.Length > 0 ? invocationId : null, http.Request.Headers.TraceParent, http.Request.Headers.TraceState);
                var result = await InvokeAsync(logger, name, function, http);
                InvocationTrace.Finish(trace, result is IStatusCodeHttpResult { StatusCode: { } status } ? status : 200);
                return result;
            });
        }
    }

    private static async Task<IResult> InvokeAsync(ILogger logger, string name, FunctionHandler function, HttpContext http)
    {
        InvocationRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(http.Request.Body, InvocationJson.Default.InvocationRequest, http.RequestAborted);
        }
        catch (JsonException)
        {
            request = null;
        }

        if (request is null)
        {
            const string reason = "the request is not a Functions host invocation payload";
            HandlerLog.MessageRejected(logger, name, 0, reason);
            return Results.Json(InvocationResponse.Empty($"{name}: {reason}."), statusCode: 400);
        }

        try
        {
            var response = await function(request, http.RequestAborted);
            var outcome = string.Join(" ", response.Logs);
            HandlerLog.Completed(logger, name, outcome);
            return Results.Json(response);
        }
        catch (PoisonMessageException e)
        {
            HandlerLog.MessageRejected(logger, name, request.DeliveryCount, e.Message);
            return Results.Json(InvocationResponse.Empty($"{name}: message rejected, will be dead-lettered after retries: {e.Message}"), statusCode: 400);
        }
        catch (RetryLaterException e)
        {
            HandlerLog.WillRetry(logger, name, request.DeliveryCount, e.Message);
            return Results.Json(InvocationResponse.Empty($"{name}: {e.Message}; will be retried."), statusCode: 503);
        }
        catch (MisconfiguredException e)
        {
            HandlerLog.Misconfigured(logger, name, request.DeliveryCount, e.Message);
            return Results.Json(InvocationResponse.Empty($"{name}: configuration error: {e.Message}"), statusCode: 500);
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            // Tables are no longer touched at start (cold start), so a wrong role or a missing table shows here first:
            // said as a configuration error (the operators' log alert), with what to do; status and error code only.
            var advice = StorageFailure.Advice(e);
            if (StorageFailure.IsConfiguration(e))
            {
                HandlerLog.Misconfigured(logger, name, request.DeliveryCount, advice);
            }
            else
            {
                HandlerLog.StorageFailed(logger, name, request.DeliveryCount, advice);
            }

            return Results.Json(InvocationResponse.Empty($"{name}: {advice}"), statusCode: 500);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Type only: exception messages from storage or email services can quote personal data.
            HandlerLog.InvocationFailed(logger, name, e.GetType().Name, request.DeliveryCount);
            return Results.Json(InvocationResponse.Empty($"{name}: failed ({e.GetType().Name}); will be retried."), statusCode: 500);
        }
    }
}
