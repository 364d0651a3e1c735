using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CpAlerts.Testing.LocalRun;

/// <summary>
/// Stands in for the Functions host and Service Bus on a developer machine, with their failure
/// semantics (docs/host-contract.md):
/// - payloads come from <see cref="HostInvocations"/>, as the host builds them;
/// - outputs are sent only after a 2xx answer (DefaultHttpWorkerService: EnsureSuccessStatusCode comes
///   first), one message per array element, in order and one at a time (the Service Bus extension's
///   MessageSenderAsyncCollector.AddAsync sends each at once: "Batching not supported"), each with a new message id
///   (an output binding sets the body only). A string element is the body as it is; an object is sent as
///   Newtonsoft's indented ToString() (azure-functions-host FunctionBinding.BindAsyncCollectorAsync: value.ToString(),
///   then the extension's StringToMessageConverter: UTF-8, content type text/plain);
/// - a message over <see cref="MaxMessageBytes"/> is refused as Service Bus refuses it (the SDK's AmqpSender throws
///   ServiceBusException MessageSizeExceeded when the encoded message is larger than the entity allows; "Service Bus
///   quotas": 256 KB on Standard, properties included): the messages before it have gone, it and the rest have not,
///   and the invocation fails;
/// - a failed Service Bus invocation is abandoned and the message is available again at once, with the
///   identical body and message id and DeliveryCount + 1, until maxDeliveryCount moves it to the
///   dead-letter queue (here a folder); an output that fails to send after a 2xx answer fails the
///   invocation the same way, although some of its messages may already have gone;
/// - a scheduled message (<see cref="ScheduleAsync"/>, the SDK's ScheduleMessageAsync) becomes available at its
///   enqueue time; a message id seen on the entity within the duplicate detection window is accepted and dropped
///   ("Duplicate detection": "Scheduled messages are included in duplicate detection");
/// - a failed timer invocation is retried per its function.json retry policy with the same TimerInfo
///   (the delays are not waited here: nothing observable depends on them locally).
/// Time is the stand-in's own (<see cref="Now"/>): a timer firing moves it to the firing, and when only scheduled
/// messages are left it moves to the next one's enqueue time, so an hour of back-off passes in no time.
/// A development harness; Azure does this in production.
/// </summary>
public sealed class LocalDispatcher(HttpClient handler, IReadOnlyList<FunctionBindings> functions, string deadLetterFolder, int maxDeliveryCount = 10)
    : CpAlerts.Application.Ports.IRetryScheduler, NodaTime.IClock
{
    /// <summary>Service Bus Standard's largest message ("Service Bus quotas": 256 KB), counting the properties.</summary>
    public const int StandardMaxMessageBytes = 256 * 1024;

    /// <summary>The duplicate detection window the Bicep sets on every entity.</summary>
    public static readonly TimeSpan DuplicateDetectionWindow = CpAlerts.Application.Configuration.ServiceBusEntities.DuplicateDetectionWindow.ToTimeSpan();

    private readonly PriorityQueue<Pending, (DateTimeOffset At, long Sequence)> _queue = new();
    private readonly Dictionary<(string Entity, string MessageId), DateTimeOffset> _seenIds = [];
    private readonly List<OutputFailure> _outputFailures = [];
    private long _sequence;

    public DispatchCounts Counts { get; } = new();

    /// <summary>The largest message an entity takes (Standard's by default).</summary>
    public int MaxMessageBytes { get; init; } = StandardMaxMessageBytes;

    /// <summary>The stand-in's clock: what the host's sys.UtcNow says, and when scheduled messages fall due. It only moves forward.</summary>
    public DateTimeOffset Now { get; private set; } = DateTimeOffset.UtcNow;

    /// <summary>Where the stand-in's clock starts (default: now).</summary>
    public DateTimeOffset StartsAt { init => Now = value; }

    /// <summary>Every line the handler's 2xx answers asked the host to log, in order.</summary>
    public List<string> Logs { get; } = [];

    /// <summary>The body of every message a handler's answer asked the host to send, by output binding (sent or not).</summary>
    public List<(string Output, string Body)> Answered { get; } = [];

    public NodaTime.Instant GetCurrentInstant() => NodaTime.Instant.FromDateTimeOffset(Now);

    /// <summary>Moves the stand-in's clock forward to <paramref name="at"/> (never back), as time passing between events.</summary>
    public void AdvanceTo(DateTimeOffset at) => Now = at > Now ? at : Now;

    /// <summary>Makes the host fail to send the outputs of the next invocation(s) of a function that answers 2xx, after sending some of them.</summary>
    public void FailOutputs(OutputFailure failure) => _outputFailures.Add(failure);

    /// <summary>One timer firing, retried as its retry policy says; its outputs are queued. False if it never succeeded.</summary>
    public async Task<bool> InvokeTimerAsync(string function, TimerFiring firing, CancellationToken cancellationToken)
    {
        AdvanceTo(firing.FiredAt);
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
        Enqueue(function, ServiceBusDelivery.First(body, ++_sequence, Now) with { AmqpStringBody = amqpStringBody }, Now);

    /// <summary>ScheduleMessageAsync on the entity: refused when too large, dropped when its id was seen within the window, else due at its time.</summary>
    public Task ScheduleAsync(CpAlerts.Application.Ports.ScheduledRetry retry, CancellationToken cancellationToken)
    {
        var properties = new Dictionary<string, object> { [CpAlerts.Application.Ports.IRetryScheduler.AttemptProperty] = retry.Attempt };
        if (Size(retry.Body, retry.MessageId, "application/json", properties) > MaxMessageBytes)
        {
            throw new CpAlerts.Application.Ports.RetrySchedulingException("Service Bus refused the schedule: MessageSizeExceeded");
        }

        if (Duplicate(retry.Entity, retry.MessageId))
        {
            Counts.DroppedAsDuplicates++;
            return Task.CompletedTask;
        }

        var at = retry.EnqueueAt.ToDateTimeOffset();
        foreach (var target in Subscribers(retry.Entity))
        {
            Enqueue(target.Function, new ServiceBusDelivery(retry.Body, retry.MessageId, 1, at, ++_sequence) { ApplicationProperties = properties }, at);
        }

        Counts.Scheduled++;
        return Task.CompletedTask;
    }

    /// <summary>Delivers every queued message, and the messages those produce, until nothing is left (scheduled ones when they fall due).</summary>
    public async Task DrainAsync(IProgress<string>? progress, CancellationToken cancellationToken)
    {
        while (_queue.TryDequeue(out var message, out var due))
        {
            AdvanceTo(due.At);
            var delivery = message.Delivery;
            while (true)
            {
                var payload = HostInvocations.ServiceBus(message.Function, Binding(message.Function).TriggerBinding, delivery, Now);
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
            .SelectMany(p => (p.Value as JArray ?? (p.Value.Type == JTokenType.Null ? [] : new JArray(p.Value)))
                .Select(element => (Output: p.Name, Entity: Binding(function).Outputs[p.Name], Body: element.Type == JTokenType.String ? (string)element! : element.ToString())))
            .ToList();
        Answered.AddRange(messages.Select(m => (m.Output, m.Body)));
        var failure = _outputFailures.FirstOrDefault(f => f.Function == function);
        var sendable = failure is null ? messages.Count : Math.Min(failure.SentBeforeFailing, messages.Count);
        var sent = 0;
        foreach (var (_, entity, text) in messages.Take(sendable))
        {
            if (Size(text, null, "text/plain", null) > MaxMessageBytes)
            {
                Counts.RefusedAsTooLarge++;
                break; // MessageSizeExceeded: this one and the rest are not sent, and the invocation fails
            }

            foreach (var target in Subscribers(entity))
            {
                Enqueue(target.Function, ServiceBusDelivery.First(text, ++_sequence, Now), Now);
            }

            sent++;
        }

        if (failure is not null)
        {
            _outputFailures.Remove(failure);
            Counts.OutputsLost++;
            return false;
        }

        return sent == messages.Count;
    }

    /// <summary>
    /// What Service Bus counts against the limit: the payload and the properties, system and application ("Service
    /// Bus quotas"). The AMQP encoding adds a few bytes per field; 64 more stand for them.
    /// </summary>
    private static int Size(string body, string? messageId, string contentType, IReadOnlyDictionary<string, object>? properties) =>
        System.Text.Encoding.UTF8.GetByteCount(body) + (messageId?.Length ?? 0) + contentType.Length
        + (properties?.Sum(p => p.Key.Length + (Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture)?.Length ?? 0)) ?? 0) + 64;

    private bool Duplicate(string entity, string messageId)
    {
        if (_seenIds.TryGetValue((entity, messageId), out var seen) && Now - seen < DuplicateDetectionWindow)
        {
            return true;
        }

        _seenIds[(entity, messageId)] = Now;
        return false;
    }

    private IEnumerable<FunctionBindings> Subscribers(string entity) => functions.Where(f => f.TriggerType == "serviceBusTrigger" && f.TriggerEntity == entity);

    private void Enqueue(string function, ServiceBusDelivery delivery, DateTimeOffset at) => _queue.Enqueue(new Pending(function, delivery), (at, delivery.SequenceNumber));

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

    /// <summary>Output messages Service Bus refused as larger than the entity allows.</summary>
    public int RefusedAsTooLarge { get; set; }

    /// <summary>Copies scheduled for later (retries), and schedules dropped by duplicate detection.</summary>
    public int Scheduled { get; set; }

    public int DroppedAsDuplicates { get; set; }
}
