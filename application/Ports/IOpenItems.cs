using CpAlerts.Domain.Acknowledgements;
using NodaTime;

namespace CpAlerts.Application.Ports;

/// <summary>
/// The team view's projection: each council's open items kept by member of staff, written whole by the daily sweep
/// and changed by every "in hand" and "no longer in hand". A page reads only the items it shows — a social worker's
/// one partition, a team manager's team's — so its cost follows what it shows, not the size of the council.
/// </summary>
public interface IOpenItems
{
    /// <summary>Makes the council's open items exactly these, as at <paramref name="asOf"/> (what is no longer open goes).</summary>
    Task ReplaceAsync(string council, Instant asOf, IReadOnlyList<OpenItem> items, CancellationToken cancellationToken = default);

    /// <summary>The open items of these social workers' children (null: children with no social worker allocated).</summary>
    Task<OpenItems> ReadAsync(string council, IReadOnlyCollection<string?> socialWorkers, CancellationToken cancellationToken = default);

    /// <summary>Every open item of the council (a head of service's view).</summary>
    Task<OpenItems> ReadCouncilAsync(string council, CancellationToken cancellationToken = default);

    /// <summary>One open item of one social worker's child, or null when it is not among them.</summary>
    Task<OpenItem?> FindAsync(string council, string? socialWorker, string findingKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets who has said the item is in hand (null: nobody), when it is still listed; false when it is not (the next
    /// sweep lists it with its acknowledgement, which the acknowledgement store keeps whatever happens here).
    /// </summary>
    Task<bool> SetInHandAsync(string council, string? socialWorker, string findingKey, Acknowledgement? inHand, string? byName, CancellationToken cancellationToken = default);
}

/// <summary>Open items read from the projection, and when the sweep that wrote them ran (null: no sweep has yet).</summary>
public sealed record OpenItems(Instant? AsOf, IReadOnlyList<OpenItem> Items);
