namespace CpAlerts.Application.Import;

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

    public void Stored(RecordKind kind) => Get(kind)[0]++;

    public void Incoming(RecordKind kind) => Get(kind)[1]++;

    public void Added(RecordKind kind) => Get(kind)[2]++;

    public void Changed(RecordKind kind) => Get(kind)[3]++;

    public void Removed(RecordKind kind) => Get(kind)[4]++;

    private int[] Get(RecordKind kind) => _counts.TryGetValue(kind, out var c) ? c : _counts[kind] = new int[5];
}
