using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace CpAlerts.Functions.LocalRun;

/// <summary>
/// Stands in for the Functions host and Service Bus on a developer machine: invokes the handler's
/// endpoints with the host's payloads, turns output arrays into messages, delivers each to the
/// functions its queue or topic triggers, retries failures up to the delivery count and then parks the
/// message in a dead-letter folder. A development harness; Azure does this in production.
/// </summary>
public sealed class LocalDispatcher(HttpClient handler, IReadOnlyList<FunctionBindings> functions, string deadLetterFolder, int maxDeliveryCount = 10)
{
    private readonly Queue<Pending> _queue = new();

    public DispatchCounts Counts { get; } = new();

    public async Task InvokeTimerAsync(string function, DateTimeOffset utcNow, CancellationToken cancellationToken)
    {
        var payload = new JsonObject
        {
            ["Data"] = new JsonObject { [Binding(function).TriggerBinding] = new JsonObject { ["IsPastDue"] = false, ["Schedule"] = new JsonObject { ["AdjustForDST"] = true } } },
            ["Metadata"] = new JsonObject { ["sys"] = Sys(function, utcNow) },
        };
        var (ok, body) = await PostAsync(function, payload, cancellationToken);
        if (!ok)
        {
            throw new InvalidOperationException($"{function} failed: {body?["Logs"]?.ToJsonString()}");
        }

        Route(function, body!);
    }

    /// <summary>Delivers every queued message, and the messages those produce, until nothing is left.</summary>
    public async Task DrainAsync(IProgress<string>? progress, CancellationToken cancellationToken)
    {
        while (_queue.TryDequeue(out var message))
        {
            var payload = new JsonObject
            {
                ["Data"] = new JsonObject { [Binding(message.Function).TriggerBinding] = message.Body },
                ["Metadata"] = new JsonObject
                {
                    ["DeliveryCount"] = message.DeliveryCount,
                    ["MessageId"] = message.Id,
                    ["sys"] = Sys(message.Function, DateTimeOffset.UtcNow),
                },
            };
            var (ok, body) = await PostAsync(message.Function, payload, cancellationToken);
            if (ok)
            {
                Counts.Completed++;
                Route(message.Function, body!);
            }
            else if (message.DeliveryCount < maxDeliveryCount)
            {
                Counts.Retried++;
                _queue.Enqueue(message with { DeliveryCount = message.DeliveryCount + 1 });
            }
            else
            {
                Counts.DeadLettered++;
                Directory.CreateDirectory(deadLetterFolder);
                await File.WriteAllTextAsync(Path.Combine(deadLetterFolder, $"{message.Function}-{message.Id}.json"),
                    new JsonObject { ["function"] = message.Function, ["deliveryCount"] = message.DeliveryCount, ["logs"] = body?["Logs"]?.DeepClone(), ["body"] = message.Body }.ToJsonString(),
                    cancellationToken);
            }

            if ((Counts.Completed + Counts.DeadLettered) % 100 == 0)
            {
                progress?.Report($"{Counts.Completed} invocation(s) done, {_queue.Count} message(s) queued");
            }
        }
    }

    private void Route(string function, JsonObject response)
    {
        if (response["Outputs"] is not JsonObject outputs)
        {
            return;
        }

        foreach (var (binding, entity) in Binding(function).Outputs)
        {
            foreach (var element in outputs[binding]?.AsArray() ?? [])
            {
                foreach (var target in functions.Where(f => f.TriggerType == "serviceBusTrigger" && f.TriggerEntity == entity))
                {
                    _queue.Enqueue(new Pending(target.Function, element!.ToJsonString(), 1, Guid.NewGuid().ToString("N")));
                }
            }
        }
    }

    private async Task<(bool Ok, JsonObject? Body)> PostAsync(string function, JsonObject payload, CancellationToken cancellationToken)
    {
        Counts.Invocations++;
        using var response = await handler.PostAsync(function, new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json"), cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
        return (response.IsSuccessStatusCode, body);
    }

    private FunctionBindings Binding(string function) => functions.Single(f => f.Function == function);

    private static JsonObject Sys(string function, DateTimeOffset utcNow) =>
        new() { ["MethodName"] = function, ["UtcNow"] = utcNow.ToString("O"), ["RandGuid"] = Guid.NewGuid().ToString() };

    private sealed record Pending(string Function, string Body, int DeliveryCount, string Id);
}

public sealed class DispatchCounts
{
    public int Invocations { get; set; }
    public int Completed { get; set; }
    public int Retried { get; set; }
    public int DeadLettered { get; set; }
}
