using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using NodaTime;

namespace CpAlerts.Functions.Handler;

/// <summary>
/// What the Functions host POSTs to a custom handler: trigger and input data by binding name, plus
/// metadata (Service Bus: DeliveryCount, MessageId; every trigger: sys.UtcNow, sys.MethodName).
/// </summary>
public sealed record InvocationRequest(
    [property: JsonPropertyName("Data")] JsonObject? Data,
    [property: JsonPropertyName("Metadata")] JsonObject? Metadata)
{
    /// <summary>The host's clock for this invocation; the handler's clock only if the host did not send one.</summary>
    public Instant UtcNow(IClock fallback) =>
        Metadata?["sys"]?["UtcNow"]?.GetValue<string>() is { } text && DateTimeOffset.TryParse(text, null, System.Globalization.DateTimeStyles.AssumeUniversal, out var value)
            ? Instant.FromDateTimeOffset(value)
            : fallback.GetCurrentInstant();

    public int DeliveryCount => Metadata?[nameof(DeliveryCount)] is JsonValue v && v.TryGetValue<int>(out var n) ? n : 1;

    public bool IsPastDue(string binding) => Data?[binding]?["IsPastDue"] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    /// <summary>
    /// A Service Bus message body of our schema. The host passes JSON bodies either as an object or as
    /// a JSON string; both are accepted. Anything else is a <see cref="PoisonMessageException"/>.
    /// </summary>
    public T Message<T>(string binding)
    {
        var node = Data?[binding] ?? throw new PoisonMessageException($"no '{binding}' in the invocation data");
        try
        {
            var json = node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node.ToJsonString();
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object ||
                !document.RootElement.TryGetProperty("schemaVersion", out var version) || version.ValueKind != JsonValueKind.Number ||
                version.GetInt32() != Messages.MessageSchema.Version)
            {
                throw new PoisonMessageException($"not a CpAlerts message of schema version {Messages.MessageSchema.Version}");
            }

            return document.RootElement.Deserialize<T>(JsonOptions.Strict) ?? throw new PoisonMessageException("empty message");
        }
        catch (JsonException e)
        {
            throw new PoisonMessageException($"unreadable message body ({e.GetType().Name} at {e.Path ?? "?"})");
        }
    }
}

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

public static class JsonOptions
{
    /// <summary>Messages must carry every required property: a missing one is poison, not a default.</summary>
    public static readonly JsonSerializerOptions Strict = new() { RespectRequiredConstructorParameters = true, RespectNullableAnnotations = true };
}
