using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CpAlerts.Functions.LocalRun;

/// <summary>
/// Stands in for the Functions host and Service Bus on a developer machine, with their failure
/// semantics (../shared/design/HOST-CONTRACT.md):
/// - payloads come from <see cref="HostInvocations"/>, as the host builds them;
/// - outputs are sent only after a 2xx answer (DefaultHttpWorkerService: EnsureSuccessStatusCode comes
///   first), one message per array element, each with a new message id (an output binding sets the body only);
/// - a failed Service Bus invocation is abandoned and the message is available again at once, with the
///   identical body and message id and DeliveryCount + 1, until maxDeliveryCount moves it to the
///   dead-letter queue (here a folder); an output that fails to send after a 2xx answer fails the
///   invocation the same way, although some of its messages may already have gone;
/// - a failed timer invocation is retried per its function.json retry policy with the same TimerInfo
///   (the delays are not waited here: nothing observable depends on them locally).
/// A development harness; Azure does this in production.
/// </summary>
public sealed class LocalDispatcher(HttpClient handler, IReadOnlyList<FunctionBindings> functions, string deadLetterFolder, int maxDeliveryCount = 10)
{
    private readonly Queue<Pending> _queue = new();
    private readonly List<OutputFailure> _outputFailures = [];
    private long _sequence;

    public DispatchCounts Counts { get; } = new();

    /// <summary>Every line the handler's 2xx answers asked the host to log, in order.</summary>
    public List<string> Logs { get; } = [];

    /// <summary>Makes the host fail to send the outputs of the next invocation(s) of a function that answers 2xx, after sending some of them.</summary>
    public void FailOutputs(OutputFailure failure) => _outputFailures.Add(failure);

    /// <summary>One timer firing, retried as its retry policy says; its outputs are queued. False if it never succeeded.</summary>
    public async Task<bool> InvokeTimerAsync(string function, TimerFiring firing, CancellationToken cancellationToken)
    {
        var binding = Binding(function);
        var payload = HostInvocations.Timer(function, binding.TriggerBinding, firing);
        for (var attempt = 0; ; attempt++)
        {
            if (await InvokeAsync(function, payload, cancellationToken))
            {
                return true;
            }

            if (attempt == binding.MaxRetryCount)
            {
                return false;
            }

            Counts.Retried++;
        }
    }

    /// <summary>Puts a message on the queue or topic that triggers <paramref name="function"/>, as if a sender had sent it.</summary>
    public void Send(string function, string body, bool amqpStringBody = false) =>
        _queue.Enqueue(new Pending(function, ServiceBusDelivery.First(body, ++_sequence) with { AmqpStringBody = amqpStringBody }));

    /// <summary>Delivers every queued message, and the messages those produce, until nothing is left.</summary>
    public async Task DrainAsync(IProgress<string>? progress, CancellationToken cancellationToken)
    {
        while (_queue.TryDequeue(out var message))
        {
            var delivery = message.Delivery;
            while (true)
            {
                var payload = HostInvocations.ServiceBus(message.Function, Binding(message.Function).TriggerBinding, delivery, DateTimeOffset.UtcNow);
                if (await InvokeAsync(message.Function, payload, cancellationToken))
                {
                    Counts.Completed++;
                    break;
                }

                if (delivery.DeliveryCount >= maxDeliveryCount)
                {
                    await DeadLetterAsync(message.Function, delivery, cancellationToken);
                    break;
                }

                // Abandoned: Service Bus makes it available again at once, identical but for the count.
                Counts.Retried++;
                delivery = delivery.Redelivered();
            }

            if ((Counts.Completed + Counts.DeadLettered) % 100 == 0)
            {
                progress?.Report($"{Counts.Completed} invocation(s) done, {_queue.Count} message(s) queued");
            }
        }
    }

    /// <summary>One invocation: true when the handler answered 2xx and the host sent every output.</summary>
    private async Task<bool> InvokeAsync(string function, string payload, CancellationToken cancellationToken)
    {
        Counts.Invocations++;
        using var request = HostInvocations.Request(function, payload, Guid.NewGuid());
        using var response = await handler.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return false; // the body, Logs included, is never read by the host
        }

        var body = JObject.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        // The host logs a 2xx answer's Logs, one line each, before the outputs are sent (so also when sending them fails):
        // DefaultHttpWorkerService.ProcessLogsFromHttpResponse, called ahead of SetResult.
        Logs.AddRange((body[nameof(Logs)] as JArray ?? []).Select(l => (string?)l ?? "")); // the wire name is "Logs" too
        var messages = (body["Outputs"] as JObject ?? [])
            .Properties()
            .Where(p => Binding(function).Outputs.ContainsKey(p.Name))
            .SelectMany(p => (p.Value as JArray ?? (p.Value.Type == JTokenType.Null ? [] : new JArray(p.Value))).Select(element => (Entity: Binding(function).Outputs[p.Name], Element: element)))
            .ToList();
        var failure = _outputFailures.FirstOrDefault(f => f.Function == function);
        var sendable = failure is null ? messages.Count : Math.Min(failure.SentBeforeFailing, messages.Count);
        foreach (var (entity, element) in messages.Take(sendable))
        {
            var text = element.Type == JTokenType.String ? (string)element! : element.ToString(Formatting.None);
            foreach (var target in functions.Where(f => f.TriggerType == "serviceBusTrigger" && f.TriggerEntity == entity))
            {
                _queue.Enqueue(new Pending(target.Function, ServiceBusDelivery.First(text, ++_sequence)));
            }
        }

        if (failure is not null)
        {
            _outputFailures.Remove(failure);
            Counts.OutputsLost++;
            return false;
        }

        return true;
    }

    private async Task DeadLetterAsync(string function, ServiceBusDelivery delivery, CancellationToken cancellationToken)
    {
        Counts.DeadLettered++;
        Directory.CreateDirectory(deadLetterFolder);
        await File.WriteAllTextAsync(Path.Combine(deadLetterFolder, $"{function}-{delivery.MessageId}.json"),
            new JObject { ["function"] = function, ["deliveryCount"] = delivery.DeliveryCount, ["body"] = delivery.Body }.ToString(Formatting.Indented),
            cancellationToken);
    }

    private FunctionBindings Binding(string function) => functions.Single(f => f.Function == function);

    private sealed record Pending(string Function, ServiceBusDelivery Delivery);
}

/// <summary>The host fails to send an invocation's outputs after <see cref="SentBeforeFailing"/> of them have gone (a broker or network failure).</summary>
public sealed record OutputFailure(string Function, int SentBeforeFailing);

public sealed class DispatchCounts
{
    public int Invocations { get; set; }
    public int Completed { get; set; }
    public int Retried { get; set; }
    public int DeadLettered { get; set; }
    public int OutputsLost { get; set; }
}
