using NodaTime;

namespace CpAlerts.Functions.Ports;

/// <summary>
/// Every message a sweep hands to the Functions host, kept until delivery confirms it. The host sends a sweep's
/// outputs only after the answer, and may fail to (docs/host-contract.md: "Outputs are sent by the host after the handler
/// answers"); the findings in them are already claimed, so without this a lost output is lost for good.
/// </summary>
public interface ISweepOutbox
{
    /// <summary>Keeps the messages (a re-run with the same ids replaces them).</summary>
    Task KeepAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken = default);

    /// <summary>The council's kept messages handed over (or last redriven) at or before <paramref name="cutoff"/>.</summary>
    IAsyncEnumerable<OutboxMessage> HandedOverByAsync(string council, Instant cutoff, CancellationToken cancellationToken = default);

    /// <summary>Delivery has an outcome for the message (or it is given up on): it is no longer kept.</summary>
    Task ForgetAsync(OutboxMessage message, CancellationToken cancellationToken = default);
}

/// <summary>
/// One output message of a sweep: the output binding it went to, its exact body, and the as-of of the sweep that
/// last handed it to the host (its first sweep, or the last one that redrove it).
/// </summary>
public sealed record OutboxMessage(string Council, string MessageId, string Output, string Body, Instant HandedOverAt)
{
    /// <summary>How many later sweeps have sent it again.</summary>
    public int Redriven { get; init; }
}
