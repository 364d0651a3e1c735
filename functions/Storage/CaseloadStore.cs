using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using CpAlerts.Domain.Records;
using CpAlerts.Functions.Import;

namespace CpAlerts.Functions.Storage;

/// <summary>A council's records in Table Storage: written by import, streamed by the sweep.</summary>
public sealed class CaseloadStore(TableStorage storage)
{
    /// <summary>Entity-group transactions take at most 100 operations, all in one partition.</summary>
    public const int BatchSize = 100;

    private readonly TableClient _caseload = storage.Table(TableNames.Caseload);
    private readonly TableClient _staff = storage.Table(TableNames.Staff);
    private readonly TableClient _councils = storage.Table(TableNames.Councils);

    /// <summary>
    /// Upserts the export's records. When <paramref name="deleteMissing"/> (the whole export validated),
    /// records the export no longer lists are deleted: the export is the truth for that council.
    /// </summary>
    public async Task<ImportCounts> ImportAsync(string council, RecordExport export, bool deleteMissing, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var caseload = CaseloadEntities.CaseloadOf(council, export).DistinctBy(e => e.RowKey).ToList();
        var staff = export.Staff.Select(s => CaseloadEntities.FromStaff(council, s)).DistinctBy(e => e.RowKey).ToList();
        var total = caseload.Count + staff.Count;
        var done = 0;

        async Task Write(TableClient table, IEnumerable<TableEntity> entities, TableTransactionActionType action)
        {
            // A transaction stays within one partition.
            foreach (var batch in entities.GroupBy(e => e.PartitionKey).SelectMany(p => p.Chunk(BatchSize)))
            {
                await table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(action, e)), cancellationToken);
                done += batch.Length;
                progress?.Report(new ImportProgress(done, total));
            }
        }

        await Write(_caseload, caseload, TableTransactionActionType.UpsertReplace);
        await Write(_staff, staff, TableTransactionActionType.UpsertReplace);

        var deleted = 0;
        if (deleteMissing)
        {
            var caseloadKeys = KeysOf(caseload);
            foreach (var partition in CouncilPartition.AllOf(council))
            {
                deleted += await DeleteStaleAsync(_caseload, partition.Key, caseloadKeys, cancellationToken);
            }

            deleted += await DeleteStaleAsync(_staff, CaseloadEntities.StaffPartition(council), KeysOf(staff), cancellationToken);
        }

        await _councils.UpsertEntityAsync(new TableEntity("councils", TableKeys.Escape(council)) { ["Council"] = council }, TableUpdateMode.Replace, cancellationToken);
        return new ImportCounts(caseload.Count, staff.Count, deleted);
    }

    private static HashSet<(string PartitionKey, string RowKey)> KeysOf(IEnumerable<TableEntity> entities) =>
        entities.Select(e => (e.PartitionKey, e.RowKey)).ToHashSet();

    private static async Task<int> DeleteStaleAsync(TableClient table, string partition, HashSet<(string PartitionKey, string RowKey)> keep, CancellationToken cancellationToken)
    {
        var stale = new List<TableEntity>();
        await foreach (var e in table.QueryAsync<TableEntity>(PartitionIs(partition), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            if (!keep.Contains((e.PartitionKey, e.RowKey)))
            {
                stale.Add(e);
            }
        }

        foreach (var batch in stale.Chunk(BatchSize))
        {
            // ETag "*": delete whatever version is there; the row is gone from the export either way.
            await table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All)), cancellationToken);
        }

        return stale.Count;
    }

    /// <summary>Streams a council's children with their records, one <see cref="CouncilPartition"/> after another.</summary>
    public async IAsyncEnumerable<ChildRecords> ReadChildrenAsync(string council, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var partition in CouncilPartition.AllOf(council))
        {
            await foreach (var child in ReadChildrenAsync(partition, cancellationToken))
            {
                yield return child;
            }
        }
    }

    /// <summary>
    /// Streams one partition's children with their records in one partition scan (pages of up to 1,000
    /// rows, the next requested while this one is used). Rows arrive sorted by RowKey, so each child's
    /// rows are contiguous and only one child is held in memory at a time.
    /// </summary>
    public async IAsyncEnumerable<ChildRecords> ReadChildrenAsync(CouncilPartition partition, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var rows = new List<TableEntity>();
        string? current = null;
        await foreach (var e in _caseload.QueryReadingAheadAsync(PartitionIs(partition.Key), cancellationToken))
        {
            var childId = CaseloadEntities.ChildIdOf(e);
            if (current is not null && childId != current && CaseloadEntities.ToChildRecords(rows) is { } previous)
            {
                yield return previous;
            }

            if (childId != current)
            {
                rows.Clear();
                current = childId;
            }

            rows.Add(e);
        }

        if (CaseloadEntities.ToChildRecords(rows) is { } last)
        {
            yield return last;
        }
    }

    /// <summary>A council's whole caseload in memory (the scorecard needs every child at once; the sweep streams instead).</summary>
    public async Task<Caseload> ReadCaseloadAsync(string council, CancellationToken cancellationToken = default)
    {
        var children = new List<ChildRecords>();
        await foreach (var child in ReadChildrenAsync(council, cancellationToken))
        {
            children.Add(child);
        }

        return new Caseload([.. children], [.. await ReadStaffAsync(council, cancellationToken)]);
    }

    public async Task<IReadOnlyList<StaffMember>> ReadStaffAsync(string council, CancellationToken cancellationToken = default)
    {
        var staff = new List<StaffMember>();
        await foreach (var e in _staff.QueryAsync<TableEntity>(PartitionIs(CaseloadEntities.StaffPartition(council)), cancellationToken: cancellationToken))
        {
            staff.Add(CaseloadEntities.ToStaff(e));
        }

        return staff;
    }

    /// <summary>One child's own row (point read), for rendering an email about them.</summary>
    public async Task<Child?> ReadChildAsync(string council, string childId, CancellationToken cancellationToken = default)
    {
        var (partitionKey, rowKey) = CaseloadEntities.ChildRowOf(council, childId);
        var row = await _caseload.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
        return row.HasValue ? CaseloadEntities.ToChildRecords([row.Value!])?.Child : null;
    }

    public async Task<StaffMember?> ReadStaffMemberAsync(string council, string staffId, CancellationToken cancellationToken = default)
    {
        var row = await _staff.GetEntityIfExistsAsync<TableEntity>(CaseloadEntities.StaffPartition(council), TableKeys.Escape(staffId), cancellationToken: cancellationToken);
        return row.HasValue ? CaseloadEntities.ToStaff(row.Value!) : null;
    }

    /// <summary>Every council that has imported data: what a sweep fans out over.</summary>
    public async Task<IReadOnlyList<string>> ReadCouncilsAsync(CancellationToken cancellationToken = default)
    {
        var councils = new List<string>();
        await _councils.CreateIfNotExistsAsync(cancellationToken);
        await foreach (var e in _councils.QueryAsync<TableEntity>(PartitionIs("councils"), cancellationToken: cancellationToken))
        {
            councils.Add(e.GetString("Council"));
        }

        return councils;
    }

    private static string PartitionIs(string partition) => TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
}

public sealed record ImportCounts(int CaseloadRows, int StaffRows, int Deleted);

public sealed record ImportProgress(int Done, int Total);
