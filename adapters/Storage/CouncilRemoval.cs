using Azure;
using Azure.Data.Tables;
using CpAlerts.Application.Ports;

namespace CpAlerts.Adapters.Storage;

/// <summary>
/// Everything CpAlerts holds for one council, in every table: its caseload and finding state (all its
/// partitions), staff, delivery log, import runs, completed sweeps, and its entry in the councils list
/// (so no timer fans out to it again). Counted first, removed only when asked.
/// </summary>
public sealed class CouncilRemoval(TableStorage storage)
{
    /// <summary>Rows held for the council, by table.</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountAsync(string council, CancellationToken cancellationToken = default)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (table, partition) in Partitions(council))
        {
            var n = 0;
            await foreach (var _ in storage.Table(table).QueryAsync<TableEntity>(PartitionIs(partition), select: ["PartitionKey"], cancellationToken: cancellationToken))
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

        foreach (var (table, partition) in Partitions(council))
        {
            var client = storage.Table(table);
            var rows = new List<TableEntity>();
            await foreach (var e in client.QueryAsync<TableEntity>(PartitionIs(partition), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
            {
                rows.Add(e);
            }

            foreach (var batch in rows.Chunk(CaseloadStore.BatchSize))
            {
                await client.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All)), cancellationToken);
            }

            removed += rows.Count;
        }

        return removed;
    }

    private static IEnumerable<(string Table, string Partition)> Partitions(string council)
    {
        foreach (var partition in CouncilPartition.AllOf(council))
        {
            yield return (TableNames.Caseload, partition.Key);
            yield return (TableNames.Findings, partition.Key);
        }

        foreach (var table in new[] { TableNames.Staff, TableNames.Deliveries, TableNames.ImportRuns, TableNames.SweepRuns, TableNames.Outbox, TableNames.Acknowledgements })
        {
            yield return (table, TableKeys.Escape(council));
        }
    }

    private static string PartitionIs(string partition) => TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
}
