namespace CpAlerts.Application.Ports;

/// <summary>
/// One of the fixed number of partitions a council's caseload and finding state are spread over, by a
/// stable hash of the child id. A partition is served by one storage node (about 2,000 entities a
/// second), so a large council's sweep is split into pieces that each stay small: the sweep holds one
/// partition's finding state at a time, never the whole council's.
/// </summary>
/// <remarks>
/// The hash must never change (nor <see cref="Count"/>): rows written under one would not be found
/// under another. <see cref="string.GetHashCode()"/> differs between processes, so FNV-1a is used.
/// </remarks>
public readonly record struct CouncilPartition(string Council, int Number)
{
    public const int Count = 16;

    public static CouncilPartition Of(string council, string childId)
    {
        var hash = 2166136261u;
        foreach (var c in childId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return new CouncilPartition(council, (int)(hash % Count));
    }

    public static IEnumerable<CouncilPartition> AllOf(string council) =>
        Enumerable.Range(0, Count).Select(n => new CouncilPartition(council, n));
}
