using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CpAlerts.Functions.Handler;

/// <summary>
/// The custom handler's HTTP surface: POST /{FunctionName} per function.json folder. A non-2xx answer
/// fails the invocation, so the host abandons the Service Bus message and it is retried, then
/// dead-lettered after maxDeliveryCount.
/// </summary>
public static class FunctionEndpoints
{
    public delegate Task<InvocationResponse> FunctionHandler(InvocationRequest request, CancellationToken cancellationToken);

    public static void Map(WebApplication app, IReadOnlyDictionary<string, FunctionHandler> functions)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CpAlerts.Handler");
        foreach (var (name, function) in functions)
        {
            app.MapPost($"/{name}", async (HttpContext http) =>
            {
                InvocationRequest? request;
                try
                {
                    request = await JsonSerializer.DeserializeAsync<InvocationRequest>(http.Request.Body, cancellationToken: http.RequestAborted);
                }
                catch (JsonException)
                {
                    request = null;
                }

                if (request is null)
                {
                    return Results.Json(InvocationResponse.Empty($"{name}: the request is not a Functions host invocation payload."), statusCode: 400);
                }

                try
                {
                    return Results.Json(await function(request, http.RequestAborted));
                }
                catch (PoisonMessageException e)
                {
                    HandlerLog.MessageRejected(logger, name, request.DeliveryCount, e.Message);
                    return Results.Json(InvocationResponse.Empty($"{name}: message rejected, will be dead-lettered after retries: {e.Message}"), statusCode: 400);
                }
                catch (RetryLaterException e)
                {
                    return Results.Json(InvocationResponse.Empty($"{name}: {e.Message}; will be retried."), statusCode: 503);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Type only: exception messages from storage or email services can quote personal data.
                    HandlerLog.InvocationFailed(logger, name, e.GetType().Name);
                    return Results.Json(InvocationResponse.Empty($"{name}: failed ({e.GetType().Name}); will be retried."), statusCode: 500);
                }
            });
        }
    }
}
