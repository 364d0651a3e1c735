namespace CpAlerts.Application.Ports;

/// <summary>What the pipeline remembers about findings, changed only conditionally so that racing sweeps send each finding once.</summary>
public interface IFindingStateStore
{
    /// <summary>Every finding state of the children in one partition, by finding key.</summary>
    Task<Dictionary<string, FindingState>> ReadPartitionAsync(CouncilPartition partition, CancellationToken cancellationToken = default);

    Task<FindingState?> ReadAsync(string council, string childId, string key, CancellationToken cancellationToken = default);

    /// <summary>Whether the council has any finding state at all (it has been swept before).</summary>
    Task<bool> AnyAsync(string council, CancellationToken cancellationToken = default);

    /// <summary>Writes only if the stored state is still the one read; null when another writer got there first.</summary>
    Task<FindingState?> TryWriteAsync(FindingState updated, CancellationToken cancellationToken = default);
}
