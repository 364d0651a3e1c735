using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using CpAlerts.Application.Import;
using CpAlerts.Application.Ports;
using CpAlerts.Domain.Records;

namespace CpAlerts.Adapters.Storage;

/// <summary>A council's records in Table Storage: written by import, streamed by the sweep.</summary>
public sealed class CaseloadStore(TableStorage storage) : ICaseloadReader
{
    /// <summary>Entity-group transactions take at most 100 operations, all in one partition.</summary>
    public const int BatchSize = 100;

    // Clients made on first use (cold start: TableStorage).
    private TableClient CaseloadTable => storage.Table(TableNames.Caseload);

    private TableClient StaffTable => storage.Table(TableNames.Staff);

    private TableClient CouncilsTable => storage.Table(TableNames.Councils);

    /// <summary>
    /// Upserts the export's records and, when <paramref name="deleteMissing"/>, deletes what the export no
    /// longer lists, whatever the amount: for tests and benchmarks that build exports in code. The
    /// `import` verb plans first and lets <see cref="Import.RemovalPolicy"/> decide.
    /// </summary>
    public async Task<ImportCounts> ImportAsync(string council, RecordExport export, bool deleteMissing, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var plan = await PlanImportAsync(council, export, compareValues: false, cancellationToken);
        return await ApplyImportAsync(plan, deleteMissing, NodaTime.SystemClock.Instance.GetCurrentInstant(), progress, cancellationToken);
    }

    /// <summary>
    /// What importing the export would do, without writing: per kind of record, how many are stored, how
    /// many the export has, how many are new, how many would be removed (and, with
    /// <paramref name="compareValues"/>, how many would change). Reads one partition at a time.
    /// </summary>
    public async Task<ImportPlan> PlanImportAsync(string council, RecordExport export, bool compareValues, CancellationToken cancellationToken = default)
    {
        var caseload = CaseloadEntities.CaseloadOf(council, export).DistinctBy(e => (e.PartitionKey, e.RowKey)).ToList();
        var staff = export.Staff.Select(s => CaseloadEntities.FromStaff(council, s)).DistinctBy(e => e.RowKey).ToList();
        var changes = new ImportChanges();
        var stale = new List<(TableClient Table, TableEntity Row)>();

        async Task Compare(TableClient table, string partition, IEnumerable<TableEntity> incoming)
        {
            var byKey = incoming.ToDictionary(e => e.RowKey, StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var select = compareValues ? null : new[] { "PartitionKey", "RowKey" };
            await foreach (var e in table.QueryAsync<TableEntity>(PartitionIs(partition), select: select, cancellationToken: cancellationToken))
            {
                var kind = KindOf(table, e.RowKey);
                changes.Stored(kind);
                if (byKey.TryGetValue(e.RowKey, out var updated))
                {
                    seen.Add(e.RowKey);
                    if (compareValues && !CaseloadEntities.SameValues(updated, e))
                    {
                        changes.Changed(kind);
                    }
                }
                else
                {
                    changes.Removed(kind);
                    stale.Add((table, e));
                }
            }

            foreach (var e in byKey.Values)
            {
                changes.Incoming(KindOf(table, e.RowKey));
                if (!seen.Contains(e.RowKey))
                {
                    changes.Added(KindOf(table, e.RowKey));
                }
            }
        }

        var byPartition = caseload.ToLookup(e => e.PartitionKey, StringComparer.Ordinal);
        foreach (var partition in CouncilPartition.AllOf(council))
        {
            await Compare(CaseloadTable, partition.Key, byPartition[partition.Key]);
        }

        await Compare(StaffTable, CaseloadEntities.StaffPartition(council), staff);
        return new ImportPlan(council, caseload, staff, stale, changes);
    }

    /// <summary>Writes a plan: every record upserted; what the export no longer lists deleted only when <paramref name="remove"/>.</summary>
    /// <remarks><paramref name="importedAt"/>: when the import started, kept on the council's row so digests can say how old the records are.</remarks>
    public async Task<ImportCounts> ApplyImportAsync(ImportPlan plan, bool remove, NodaTime.Instant importedAt, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var total = plan.Caseload.Count + plan.Staff.Count;
        var done = 0;

        async Task Write(TableClient table, IEnumerable<TableEntity> entities, TableTransactionActionType action, ETag? etag = null)
        {
            // A transaction stays within one partition.
            foreach (var batch in entities.GroupBy(e => e.PartitionKey).SelectMany(p => p.Chunk(BatchSize)))
            {
                await table.SubmitTransactionAsync(batch.Select(e => etag is { } tag ? new TableTransactionAction(action, e, tag) : new TableTransactionAction(action, e)), cancellationToken);
                if (action != TableTransactionActionType.Delete)
                {
                    done += batch.Length;
                    progress?.Report(new ImportProgress(done, total));
                }
            }
        }

        await Write(CaseloadTable, plan.Caseload, TableTransactionActionType.UpsertReplace);
        await Write(StaffTable, plan.Staff, TableTransactionActionType.UpsertReplace);
        if (remove)
        {
            foreach (var group in plan.Stale.GroupBy(s => s.Table))
            {
                // ETag "*": delete whatever version is there; the row is gone from the export either way.
                await Write(group.Key, group.Select(s => s.Row), TableTransactionActionType.Delete, ETag.All);
            }
        }

        // Sign-in entries from the staff now stored (kept ones included when nothing was removed).
        await new StaffSignIns(storage).RebuildAsync(plan.Council, await ReadStaffAsync(plan.Council, cancellationToken), cancellationToken);
        await CouncilsTable.UpsertEntityAsync(new TableEntity("councils", TableKeys.Escape(plan.Council))
        {
            ["Council"] = plan.Council,
            ["ImportedAt"] = importedAt.ToDateTimeOffset(),
            [StaffSignIns.IndexedColumn] = true,
        }, TableUpdateMode.Replace, cancellationToken);
        return new ImportCounts(plan.Caseload.Count, plan.Staff.Count, remove ? plan.Stale.Count : 0);
    }

    private RecordKind KindOf(TableClient table, string rowKey) => table == StaffTable ? RecordKind.StaffMember : CaseloadEntities.KindOf(rowKey);

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
        await foreach (var e in CaseloadTable.QueryReadingAheadAsync(PartitionIs(partition.Key), cancellationToken))
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
        await foreach (var e in StaffTable.QueryAsync<TableEntity>(PartitionIs(CaseloadEntities.StaffPartition(council)), cancellationToken: cancellationToken))
        {
            staff.Add(CaseloadEntities.ToStaff(e));
        }

        return staff;
    }

    /// <summary>One child's own row (point read), for rendering an email about them.</summary>
    public async Task<Child?> ReadChildAsync(string council, string childId, CancellationToken cancellationToken = default)
    {
        var (partitionKey, rowKey) = CaseloadEntities.ChildRowOf(council, childId);
        var row = await CaseloadTable.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
        return row.HasValue ? CaseloadEntities.ToChildRecords([row.Value!])?.Child : null;
    }

    /// <summary>One child with all their records, by one range query within their partition; null when not stored.</summary>
    public async Task<ChildRecords?> ReadChildRecordsAsync(string council, string childId, CancellationToken cancellationToken = default)
    {
        var rows = new List<TableEntity>();
        await foreach (var e in CaseloadTable.QueryAsync<TableEntity>(CaseloadEntities.RowsOf(council, childId), cancellationToken: cancellationToken))
        {
            rows.Add(e);
        }

        return CaseloadEntities.ToChildRecords(rows);
    }

    /// <summary>The team manager's team: the staff they manage (a filter the service applies within the council's staff partition).</summary>
    public async Task<IReadOnlyList<StaffMember>> ReadManagedByAsync(string council, string managerId, CancellationToken cancellationToken = default)
    {
        var staff = new List<StaffMember>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {CaseloadEntities.StaffPartition(council)} and ManagerId eq {managerId}");
        await foreach (var e in StaffTable.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            staff.Add(CaseloadEntities.ToStaff(e));
        }

        return staff;
    }

    /// <summary>
    /// Everyone whose staff record holds this email address (any case), in whichever council: from the sign-in entries
    /// each import keeps (<see cref="StaffSignIns"/>), each checked against the staff record it points to; a council not
    /// imported since those entries existed has its staff searched instead.
    /// </summary>
    public async Task<IReadOnlyList<(string Council, StaffMember Member)>> FindStaffByEmailAsync(string email, CancellationToken cancellationToken = default)
    {
        var found = new List<(string, StaffMember)>();
        foreach (var (council, staffId) in await new StaffSignIns(storage).FindAsync(email, cancellationToken))
        {
            if (await ReadStaffMemberAsync(council, staffId, cancellationToken) is { } member && string.Equals(member.Email, email, StringComparison.OrdinalIgnoreCase))
            {
                found.Add((council, member));
            }
        }

        // Only councils not imported since the sign-in entries existed: no table is created here (a round trip on every
        // page, and a 409 the service logs as a failed request); before any import there is no councils table, and nobody to find.
        try
        {
            // Filtered here, not by the service: a filter on a property skips the rows that lack it, which are the ones wanted.
            await foreach (var e in CouncilsTable.QueryAsync<TableEntity>(PartitionIs("councils"), select: ["Council", StaffSignIns.IndexedColumn], cancellationToken: cancellationToken))
            {
                if (e.GetBoolean(StaffSignIns.IndexedColumn) != true && (await ReadStaffAsync(e.GetString("Council"), cancellationToken)).FirstOrDefault(s => string.Equals(s.Email, email, StringComparison.OrdinalIgnoreCase)) is { } member)
                {
                    found.Add((e.GetString("Council"), member));
                }
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No councils table: nothing has been imported, so there is nobody else to find.
        }

        return [.. found.OrderBy(f => f.Item1, StringComparer.Ordinal)];
    }

    public async Task<StaffMember?> ReadStaffMemberAsync(string council, string staffId, CancellationToken cancellationToken = default)
    {
        var row = await StaffTable.GetEntityIfExistsAsync<TableEntity>(CaseloadEntities.StaffPartition(council), TableKeys.Escape(staffId), cancellationToken: cancellationToken);
        return row.HasValue ? CaseloadEntities.ToStaff(row.Value!) : null;
    }

    /// <summary>When the council's latest import started (what "records as at" means in a digest), or null before any.</summary>
    public async Task<NodaTime.Instant?> ReadLastImportAsync(string council, CancellationToken cancellationToken = default)
    {
        var row = await CouncilsTable.GetEntityIfExistsAsync<TableEntity>("councils", TableKeys.Escape(council), cancellationToken: cancellationToken);
        return row.HasValue && row.Value!.GetDateTimeOffset("ImportedAt") is { } at ? NodaTime.Instant.FromDateTimeOffset(at) : null;
    }

    /// <summary>Every council that has imported data: what a sweep fans out over.</summary>
    public async Task<IReadOnlyList<string>> ReadCouncilsAsync(CancellationToken cancellationToken = default)
    {
        var councils = new List<string>();
        await CouncilsTable.CreateIfNotExistsAsync(cancellationToken);
        await foreach (var e in CouncilsTable.QueryAsync<TableEntity>(PartitionIs("councils"), cancellationToken: cancellationToken))
        {
            councils.Add(e.GetString("Council"));
        }

        return councils;
    }

    private static string PartitionIs(string partition) => TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
}

public sealed record ImportCounts(int CaseloadRows, int StaffRows, int Deleted);

/// <summary>An import worked out before anything is written: the rows to upsert, the stored rows the export no longer lists, and the counts.</summary>
public sealed record ImportPlan(
    string Council,
    IReadOnlyList<TableEntity> Caseload,
    IReadOnlyList<TableEntity> Staff,
    IReadOnlyList<(TableClient Table, TableEntity Row)> Stale,
    ImportChanges Changes);

public sealed record ImportProgress(int Done, int Total);
