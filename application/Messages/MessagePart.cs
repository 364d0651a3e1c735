using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CpAlerts.Application.Messages;

/// <summary>Part <see cref="Number"/> of <see cref="Of"/>: one recipient's list split over several messages, most urgent first.</summary>
public sealed record MessagePart(
    [property: JsonPropertyName("number")] int Number,
    [property: JsonPropertyName("of")] int Of);

/// <summary>
/// Keeps every message within the size budget. Service Bus refuses a message over its tier's maximum (Standard
/// 256 KB, counting the body, the system and the application properties — "Service Bus quotas"), and the host
/// sends the sweep's outputs after the answer, so one oversized message would fail the whole sweep on every
/// redelivery. A list that does not fit is split into parts in its own order (most urgent first), each part its
/// own message and its own email ("part 2 of 3"), each with an id made from its own items, so a re-run splits
/// and names them the same way. Parts rather than one email from stored parts (the claim-check pattern): each
/// message stays whole on its own — redelivery, the outbox redrive and the dead-letter tool see all of it — and
/// only a very long list (about 800 items at the default budget: a large council's go-live) is split at all.
/// </summary>
public static class MessageParts
{
    /// <summary>The size of a body on Service Bus: the UTF-8 bytes of its JSON text, which the handler answers as a string and the host sends as it is.</summary>
    public static int Bytes(ISweepMessage message) => Encoding.UTF8.GetByteCount(JsonSerializer.Serialize(message, message.GetType()));

    /// <summary>
    /// The list as one message when it fits in <paramref name="budgetBytes"/>, else as parts that each fit:
    /// <paramref name="build"/> makes the message for some items and a part (null: the whole list).
    /// </summary>
    public static IReadOnlyList<T> Split<T, TItem>(IReadOnlyList<TItem> items, int budgetBytes, Func<IReadOnlyList<TItem>, MessagePart?, T> build)
        where T : ISweepMessage
    {
        var whole = build(items, null);
        if (Bytes(whole) <= budgetBytes)
        {
            return [whole];
        }

        // The message without items, numbered as widely as it could be, plus each item and its comma.
        var envelope = Bytes(build([], new MessagePart(items.Count, items.Count)));
        var groups = new List<List<TItem>> { new() };
        var size = envelope;
        foreach (var item in items)
        {
            var itemBytes = Encoding.UTF8.GetByteCount(JsonSerializer.Serialize(item)) + 1;
            if (envelope + itemBytes > budgetBytes)
            {
                throw new InvalidOperationException($"one item alone is larger than the message budget of {budgetBytes} bytes");
            }

            if (size + itemBytes > budgetBytes && groups[^1].Count > 0)
            {
                groups.Add([]);
                size = envelope;
            }

            groups[^1].Add(item);
            size += itemBytes;
        }

        return [.. groups.Select((group, i) => build(group, new MessagePart(i + 1, groups.Count)))];
    }
}
