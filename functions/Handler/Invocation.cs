using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using NodaTime;

namespace CpAlerts.Functions.Handler;

/// <summary>
/// What the Functions host POSTs to a custom handler: trigger and input data by binding name, plus
/// metadata (Service Bus: DeliveryCount, MessageId, …; every trigger: sys.UtcNow, sys.MethodName).
/// How the host encodes each value is in docs/host-contract.md; the host source is
/// Azure/azure-functions-host, Workers/Http/ScriptInvocationContextExtensions.cs,
/// GetHttpScriptInvocationContextValue: a string goes through JsonConvert.SerializeObject, so it
/// arrives as a JSON string whose text is a JSON string literal.
/// </summary>
public sealed record InvocationRequest(
    [property: JsonPropertyName("Data")] JsonObject? Data,
    [property: JsonPropertyName("Metadata")] JsonObject? Metadata)
{
    /// <summary>
    /// Layers of JSON string a Service Bus body may arrive in: the string value in the payload; the
    /// host's JsonConvert.SerializeObject of it (always, for a string body); one more when the message is
    /// an AMQP string value (what the portal's Service Bus Explorer sends when an operator replays a
    /// dead-letter; azure-sdk-for-net issue 28983). Anything quoted deeper is not from a known sender.
    /// </summary>
    private const int MaxStringLayers = 3;

    /// <summary>The host's clock for this invocation (sys.UtcNow); the handler's clock only if the host did not send one.</summary>
    public Instant UtcNow(IClock fallback) =>
        Instant(Metadata?["sys"]?["UtcNow"]) ?? fallback.GetCurrentInstant();

    /// <summary>Service Bus DeliveryCount: the host serializes the int, so it arrives as the string "1" (a number is accepted too).</summary>
    public int DeliveryCount => int.TryParse(MetadataText(nameof(DeliveryCount)), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1;

    /// <summary>A metadata value as text, with the host's extra JSON quoting removed ("\"abc\"" → abc, "1" → 1).</summary>
    public string? MetadataText(string name) => Metadata?[name] is JsonValue value ? Unquote(value) : null;

    /// <summary>A timer trigger's TimerInfo: the occurrence being fired, whether it is past due, and when the host sent it.</summary>
    public TimerInvocation Timer(string binding, IClock fallback)
    {
        var timer = Data?[binding] as JsonObject;
        var arrival = UtcNow(fallback);
        // The status is saved after the invocation, so during a firing Next is the occurrence being fired
        // (docs/host-contract.md; azure-webjobs-sdk-extensions TimerListener). Without a status (useMonitor off),
        // the arrival time rounded to the minute stands in: the listener may fire up to about a second early.
        var occurrence = Instant(timer?["ScheduleStatus"]?["Next"]) ?? RoundToMinute(arrival);
        var pastDue = timer?["IsPastDue"] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
        return new TimerInvocation(occurrence, pastDue, arrival);
    }

    /// <summary>
    /// Which attempt at delivering this message this is: the <see cref="Ports.IRetryScheduler.AttemptProperty"/>
    /// application property of a scheduled copy (1 when absent). The host passes the message's application properties
    /// as the metadata object ApplicationProperties (JObject.FromObject of the dictionary, so a number stays a number).
    /// </summary>
    public int Attempt =>
        Metadata?["ApplicationProperties"]?[CpAlerts.Application.Ports.IRetryScheduler.AttemptProperty] is JsonValue value
        && (value.TryGetValue<int>(out var n) || (value.TryGetValue<string>(out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out n)))
        && n > 0 ? n : 1;

    /// <summary>The message body as its sender wrote it: the JSON text inside the host's string layers.</summary>
    public string MessageBody(string binding)
    {
        var (node, text) = Body(binding);
        return text ?? node.ToJsonString();
    }

    /// <summary>
    /// A Service Bus message body of our schema. Accepts an object, or a JSON string of it up to
    /// <see cref="MaxStringLayers"/> deep. Anything else is a <see cref="PoisonMessageException"/>.
    /// </summary>
    public T Message<T>(string binding)
    {
        var (node, _) = Body(binding);
        try
        {
            if (node is not JsonObject body || body["schemaVersion"] is not JsonValue version ||
                !version.TryGetValue<int>(out var number) || number != CpAlerts.Application.Messages.MessageSchema.Version)
            {
                throw new PoisonMessageException($"not a CpAlerts message of schema version {CpAlerts.Application.Messages.MessageSchema.Version}");
            }

            return body.Deserialize<T>(JsonOptions.Strict) ?? throw new PoisonMessageException("empty message");
        }
        catch (JsonException e)
        {
            throw new PoisonMessageException($"unreadable message body ({e.GetType().Name} at {e.Path ?? "?"})");
        }
    }

    /// <summary>The body inside the host's string layers, as a node and as the text it was parsed from.</summary>
    private (JsonNode Node, string? Text) Body(string binding)
    {
        var node = Data?[binding] ?? throw new PoisonMessageException($"no '{binding}' in the invocation data");
        string? raw = null; // the text inside the last string layer; an object body (no layer) is written out only if asked
        try
        {
            for (var layer = 0; node is JsonValue value && value.TryGetValue<string>(out var text); layer++)
            {
                if (layer == MaxStringLayers)
                {
                    throw new PoisonMessageException($"a message body quoted more than {MaxStringLayers} times");
                }

                node = JsonNode.Parse(text) ?? throw new PoisonMessageException("empty message");
                raw = text;
            }
        }
        catch (JsonException e)
        {
            throw new PoisonMessageException($"unreadable message body ({e.GetType().Name} at {e.Path ?? "?"})");
        }

        return (node, raw);
    }

    private static string Unquote(JsonValue value)
    {
        if (!value.TryGetValue<string>(out var text))
        {
            return value.ToJsonString();
        }

        try
        {
            return JsonNode.Parse(text) is JsonValue inner ? (inner.TryGetValue<string>(out var s) ? s : inner.ToJsonString()) : text;
        }
        catch (JsonException)
        {
            return text;
        }
    }

    private static Instant? Instant(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var text) &&
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? NodaTime.Instant.FromDateTimeOffset(value)
            : null;

    private static Instant RoundToMinute(Instant instant) =>
        NodaTime.Instant.FromUnixTimeTicks((instant.ToUnixTimeTicks() + (NodaConstants.TicksPerMinute / 2)) / NodaConstants.TicksPerMinute * NodaConstants.TicksPerMinute);
}

/// <summary>One timer firing: the scheduled occurrence it stands for, whether the host fired it late (past due), and when it arrived.</summary>
public sealed record TimerInvocation(Instant Occurrence, bool IsPastDue, Instant Arrival);

/// <summary>The handler's answer: output binding values by name (an array sends one message per element), and log lines.</summary>
public sealed record InvocationResponse(
    [property: JsonPropertyName("Outputs")] Dictionary<string, object?> Outputs,
    [property: JsonPropertyName("Logs")] List<string> Logs,
    [property: JsonPropertyName("ReturnValue")] object? ReturnValue = null)
{
    public static InvocationResponse Empty(params string[] logs) => new([], [.. logs]);
}

/// <summary>A message that can never succeed: the handler fails it so Service Bus dead-letters it, with the reason logged.</summary>
public sealed class PoisonMessageException(string reason) : Exception(reason);

/// <summary>The host's payload, read on every invocation (the first during a cold start) without reflection.</summary>
[JsonSerializable(typeof(InvocationRequest))]
internal sealed partial class InvocationJson : JsonSerializerContext;

public static class JsonOptions
{
    /// <summary>Messages must carry every required property: a missing one is poison, not a default.</summary>
    public static readonly JsonSerializerOptions Strict = new() { RespectRequiredConstructorParameters = true, RespectNullableAnnotations = true };
}
