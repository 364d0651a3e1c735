using System.Text.Json.Nodes;

namespace CpAlerts.Testing.LocalRun;

/// <summary>
/// The wiring the Functions host reads from each function.json: which queue or topic triggers a
/// function, where each output binding sends, and a timer's retry policy. The local dispatcher routes by
/// exactly this.
/// </summary>
public sealed record FunctionBindings(string Function, string TriggerType, string TriggerBinding, string? TriggerEntity, IReadOnlyDictionary<string, string> Outputs)
{
    /// <summary>How many times the host retries a failed invocation (function.json "retry".maxRetryCount; none for Service Bus triggers).</summary>
    public int MaxRetryCount { get; init; }

    public static IReadOnlyList<FunctionBindings> ReadAll(string folder) =>
        [.. Directory.GetDirectories(folder)
            .Where(d => File.Exists(Path.Combine(d, "function.json")))
            .Select(d => Read(Path.GetFileName(d), JsonNode.Parse(File.ReadAllText(Path.Combine(d, "function.json")))!))
            .OrderBy(f => f.Function, StringComparer.Ordinal)];

    private static FunctionBindings Read(string function, JsonNode json)
    {
        var bindings = json["bindings"]!.AsArray().Select(b => b!).ToList();
        var trigger = bindings.Single(b => ((string?)b["type"])!.EndsWith("Trigger", StringComparison.Ordinal));
        var outputs = bindings.Where(b => (string?)b["direction"] == "out")
            .ToDictionary(b => (string)b["name"]!, b => Entity(b)!);
        return new FunctionBindings(function, (string)trigger["type"]!, (string)trigger["name"]!, Entity(trigger), outputs)
        {
            MaxRetryCount = (int?)json["retry"]?["maxRetryCount"] ?? 0,
        };
    }

    /// <summary>A queue name, or a topic name (every subscription of the topic gets the message).</summary>
    private static string? Entity(JsonNode binding) => (string?)binding["queueName"] ?? (string?)binding["topicName"];
}
