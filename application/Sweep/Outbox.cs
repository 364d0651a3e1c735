using System.Text.Json;
using CpAlerts.Application.Messages;
using CpAlerts.Application.Ports;
using NodaTime;

namespace CpAlerts.Application.Sweep;

/// <summary>
/// A claim means "sent", not "decided": every message a sweep hands to the host is kept, and a later daily sweep
/// sends again, with the same id and body, each one that delivery has no record of after <paramref name="grace"/>
/// (the host may never send a sweep's outputs: a broker refusal, throttling for longer than the redeliveries, the
/// sweep dead-lettered). Any delivery record confirms it — sent, undeliverable and re-routed, refused, or a retry
/// still scheduled — so the grace period never races the delivery's own retries, and a re-send of a message that
/// did arrive is dropped by delivery's dedupe on its id. Grace is measured in sweep time (as-of to as-of): daily
/// sweeps are a day apart, and a redelivered or re-run sweep (same as-of) redrives nothing new.
/// </summary>
public sealed class Outbox(ISweepOutbox outbox, IDeliveryLog deliveries, Duration grace)
{
    /// <summary>
    /// A message sent again by this many later daily sweeps without delivery ever seeing it is given up on at the next
    /// (and said so in an error line): something other than the host is wrong.
    /// </summary>
    public const int MaxRedrives = 3;

    /// <summary>
    /// The sweep's own messages, serialized once and answered as JSON text: the host sends a string element as it is
    /// (FunctionBinding.BindAsyncCollectorAsync: value.ToString(); an object would go indented), so the stored body,
    /// the body on Service Bus and the size the budget counted are the same bytes.
    /// </summary>
    public async Task<Dictionary<string, object?>> KeepAsync(string council, Instant asOf, IReadOnlyDictionary<string, IEnumerable<ISweepMessage>> outputs, CancellationToken cancellationToken)
    {
        var kept = new List<OutboxMessage>();
        var answer = new Dictionary<string, object?>();
        foreach (var (output, messages) in outputs)
        {
            var bodies = new List<string>();
            foreach (var message in messages)
            {
                var body = JsonSerializer.Serialize(message, message.GetType());
                kept.Add(new OutboxMessage(council, message.MessageId, output, body, asOf));
                bodies.Add(body);
            }

            answer[output] = bodies;
        }

        await outbox.KeepAsync(kept, cancellationToken);
        return answer;
    }

    /// <summary>
    /// The council's messages with no delivery record after the grace period, to send again (added to
    /// <paramref name="outputs"/>); confirmed ones are forgotten. A re-run of the same sweep sends again what it redrove.
    /// </summary>
    public async Task<RedriveCounts> RedriveAsync(string council, Instant asOf, Dictionary<string, object?> outputs, CancellationToken cancellationToken)
    {
        int again = 0, confirmed = 0, givenUp = 0;
        await foreach (var entry in outbox.DueAsync(council, asOf - grace, asOf, cancellationToken))
        {
            if (await deliveries.StatusAsync(council, entry.MessageId, cancellationToken) is not null)
            {
                await outbox.ForgetAsync(entry, cancellationToken);
                confirmed++;
                continue;
            }

            var redrivenByThisSweep = entry.Redriven > 0 && entry.HandedOverAt == asOf;
            if (!redrivenByThisSweep && entry.Redriven >= MaxRedrives)
            {
                await outbox.ForgetAsync(entry, cancellationToken);
                givenUp++;
                continue;
            }

            if (!redrivenByThisSweep)
            {
                await outbox.RedrivenAsync(entry, asOf, cancellationToken);
            }

            var list = outputs.GetValueOrDefault(entry.Output) as List<string> ?? [];
            list.Add(await outbox.BodyAsync(entry, cancellationToken));
            outputs[entry.Output] = list;
            again++;
        }

        return new RedriveCounts(again, confirmed, givenUp);
    }
}

/// <summary>What a redrive did: messages sent again, confirmed by a delivery record, given up on.</summary>
public sealed record RedriveCounts(int SentAgain, int Confirmed, int GivenUp);
