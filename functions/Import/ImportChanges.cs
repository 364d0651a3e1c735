namespace CpAlerts.Functions.Import;

/// <summary>Counts per kind of record for one import: stored now, in the export, new, changed (dry run only) and no longer listed.</summary>
public sealed class ImportChanges
{
    private readonly Dictionary<RecordKind, int[]> _counts = [];

    public int StoredCount(RecordKind kind) => Get(kind)[0];

    public int IncomingCount(RecordKind kind) => Get(kind)[1];

    public int AddedCount(RecordKind kind) => Get(kind)[2];

    public int ChangedCount(RecordKind kind) => Get(kind)[3];

    public int RemovedCount(RecordKind kind) => Get(kind)[4];

    public int TotalRemoved => _counts.Values.Sum(c => c[4]);

    internal void Stored(RecordKind kind) => Get(kind)[0]++;

    internal void Incoming(RecordKind kind) => Get(kind)[1]++;

    internal void Added(RecordKind kind) => Get(kind)[2]++;

    internal void Changed(RecordKind kind) => Get(kind)[3]++;

    internal void Removed(RecordKind kind) => Get(kind)[4]++;

    private int[] Get(RecordKind kind) => _counts.TryGetValue(kind, out var c) ? c : _counts[kind] = new int[5];
}
