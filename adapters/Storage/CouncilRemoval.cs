using Azure;
using Azure.Data.Tables;
using CpAlerts.Application.Ports;

namespace CpAlerts.Adapters.Storage;

/// <summary>
/// Everything CpAlerts holds for one council, in every table: its caseload and finding state (all its
/// partitions), staff and their sign-in entries, delivery log, import runs, completed sweeps, the team view's open items,
/// and its entry in the councils list (so no timer fans out to it again). Counted first, removed only when asked.
/// </summary>
public sealed class CouncilRemoval(TableStorage storage)
{
    /// <summary>Rows held for the council, by table.</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountAsync(string council, CancellationToken cancellationToken = default)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (table, filter) in Rows(council))
        {
            var n = 0;
            await foreach (var _ in storage.Table(table).QueryAsync<TableEntity>(filter, select: ["PartitionKey"], cancellationToken: cancellationToken))
            {
                n++;
            }

            counts[table] = counts.GetValueOrDefault(table) + n;
        }

        counts[TableNames.Councils] = (await storage.Table(TableNames.Councils).GetEntityIfExistsAsync<TableEntity>("councils", TableKeys.Escape(council), cancellationToken: cancellationToken)).HasValue ? 1 : 0;
        return counts;
    }

    /// <summary>Removes every row; the councils entry first, so a sweep starting meanwhile no longer includes the council.</summary>
    public async Task<int> RemoveAsync(string council, CancellationToken cancellationToken = default)
    {
        var removed = 0;
        var councils = storage.Table(TableNames.Councils);
        if ((await councils.DeleteEntityAsync("councils", TableKeys.Escape(council), ETag.All, cancellationToken)).Status != 404)
        {
            removed++;
        }

        foreach (var (table, filter) in Rows(council))
        {
            var client = storage.Table(table);
            var rows = new List<TableEntity>();
            await foreach (var e in client.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
            {
                rows.Add(e);
            }

            // A transaction stays within one partition.
            foreach (var batch in rows.GroupBy(e => e.PartitionKey).SelectMany(p => p.Chunk(CaseloadStore.BatchSize)))
            {
                await client.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All)), cancellationToken);
            }

            removed += rows.Count;
        }

        return removed;
    }

    /// <summary>The council's rows in each table, as a query filter.</summary>
    private static IEnumerable<(string Table, string Filter)> Rows(string council)
    {
        foreach (var partition in CouncilPartition.AllOf(council))
        {
            yield return (TableNames.Caseload, PartitionIs(partition.Key));
            yield return (TableNames.Findings, PartitionIs(partition.Key));
        }

        foreach (var table in new[] { TableNames.Staff, TableNames.Deliveries, TableNames.ImportRuns, TableNames.SweepRuns, TableNames.Outbox, TableNames.Acknowledgements, TableNames.OpenItems })
        {
            yield return (table, PartitionIs(TableKeys.Escape(council)));
        }

        yield return (TableNames.OpenItems, OpenItemsTable.CouncilRange(council));
        // Partitioned by email address: the council is the row key, so this one is a scan (removing a council is rare).
        yield return (TableNames.StaffEmails, TableClient.CreateQueryFilter($"RowKey eq {TableKeys.Escape(council)}"));
    }

    private static string PartitionIs(string partition) => TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
}
