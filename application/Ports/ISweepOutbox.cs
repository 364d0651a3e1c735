using NodaTime;

namespace CpAlerts.Application.Ports;

/// <summary>
/// Every message a sweep hands to the Functions host, kept until delivery confirms it. The host sends a sweep's
/// outputs only after the answer, and may fail to (docs/host-contract.md: "Outputs are sent by the host after the
/// handler answers"); the findings in them are already claimed, so without this a lost output is lost for good.
/// </summary>
public interface ISweepOutbox
{
    /// <summary>Keeps the messages (a re-run with the same ids replaces them).</summary>
    Task KeepAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken = default);

    /// <summary>
    /// The council's kept messages due a look (bodies not read): handed over at or before <paramref name="cutoff"/>,
    /// or sent again by the sweep as of <paramref name="asOf"/> (so a re-run of that sweep sends them again too).
    /// </summary>
    IAsyncEnumerable<OutboxEntry> DueAsync(string council, Instant cutoff, Instant asOf, CancellationToken cancellationToken = default);

    /// <summary>The message's body, byte for byte as first handed over.</summary>
    Task<string> BodyAsync(OutboxEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Records that the sweep as of <paramref name="asOf"/> sent it again.</summary>
    Task RedrivenAsync(OutboxEntry entry, Instant asOf, CancellationToken cancellationToken = default);

    /// <summary>Delivery has an outcome for the message (or it is given up on): it is no longer kept.</summary>
    Task ForgetAsync(OutboxEntry entry, CancellationToken cancellationToken = default);
}

/// <summary>A message to keep: the output binding it goes to, its exact body, and the as-of of the sweep handing it over.</summary>
public sealed record OutboxMessage(string Council, string MessageId, string Output, string Body, Instant HandedOverAt);

/// <summary>A kept message without its body: the as-of of the sweep that last handed it over, and how many later sweeps have sent it again.</summary>
public sealed record OutboxEntry(string Council, string MessageId, string Output, Instant HandedOverAt, int Redriven);
