using Azure.Data.Tables;
using CpAlerts.Application.Configuration;
using NodaTime;

namespace CpAlerts.Adapters.Storage;

/// <summary>
/// Deletes operational rows older than their retention: closed finding states, delivery records, import runs,
/// "in hand" records with their audit, and outbox rows left behind,
/// by the row's last write (Table Storage's Timestamp), in transactions of up to 100 rows of one partition (the
/// service's limit for an entity group transaction). Open findings and the go-live marker are never deleted.
/// </summary>
public sealed class RetentionPurge(TableStorage storage, RetentionOptions options)
{
    private const int BatchSize = 100;

    /// <summary>What one purge deleted, by table.</summary>
    public sealed record Counts(int ClosedFindings, int Deliveries, int ImportRuns)
    {
        /// <summary>"In hand" rows and their audit records past their retention.</summary>
        public int Acknowledgements { get; init; }

        /// <summary>Outbox rows nobody confirmed or gave up on (a council whose sweeps stopped), past the deliveries' retention.</summary>
        public int Outbox { get; init; }
    }

    public async Task<Counts> PurgeAsync(Instant now, CancellationToken cancellationToken = default)
    {
        // Only closed findings are read at all (the service filters them); the go-live marker, also closed, is kept.
        var findings = await DeleteOlderAsync(storage.Table(TableNames.Findings), now - options.ClosedFindings, "Open eq false",
            e => ValueTask.FromResult(e.RowKey != TableKeys.Escape(CpAlerts.Application.Sweep.CouncilSweep.BaselineKey)), cancellationToken);
        var deliveries = await DeleteOlderAsync(storage.Table(TableNames.Deliveries), now - options.Deliveries, null, Any, cancellationToken);
        var imports = await DeleteOlderAsync(storage.Table(TableNames.ImportRuns), now - options.ImportRuns, null, Any, cancellationToken);
        // An item still open keeps its "in hand" rows however old: the first audit row is where the limit on holding it
        // counts from. Each item's state is read once.
        var states = new FindingStateStore(storage);
        var closed = new Dictionary<(string Council, string FindingKey), bool>();
        async ValueTask<bool> ItemClosedAsync(TableEntity e)
        {
            var key = (e.PartitionKey, e.GetString("FindingKey") ?? "");
            if (!closed.TryGetValue(key, out var isClosed))
            {
                closed[key] = isClosed = await states.ReadAsync(e.PartitionKey, e.GetString("ChildId") ?? "", key.Item2, cancellationToken) is not { Open: true };
            }

            return isClosed;
        }

        var acknowledgements = await DeleteOlderAsync(storage.Table(TableNames.Acknowledgements), now - options.Acknowledgements, null, ItemClosedAsync, cancellationToken);
        var outbox = await DeleteOlderAsync(storage.Table(TableNames.Outbox), now - options.Deliveries, null, Any, cancellationToken);
        return new Counts(findings, deliveries, imports) { Acknowledgements = acknowledgements, Outbox = outbox };
    }

    private static ValueTask<bool> Any(TableEntity entity) => ValueTask.FromResult(true);

    private static async Task<int> DeleteOlderAsync(TableClient table, Instant cutoff, string? andFilter, Func<TableEntity, ValueTask<bool>> deletable, CancellationToken cancellationToken)
    {
        var deleted = 0;
        var filter = TableClient.CreateQueryFilter($"Timestamp lt {cutoff.ToDateTimeOffset()}") + (andFilter is null ? "" : $" and {andFilter}");
        var old = table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken);
        var byPartition = new Dictionary<string, List<TableEntity>>(StringComparer.Ordinal);
        await foreach (var entity in old)
        {
            if (!await deletable(entity))
            {
                continue;
            }

            var batch = byPartition.TryGetValue(entity.PartitionKey, out var list) ? list : byPartition[entity.PartitionKey] = [];
            batch.Add(entity);
            if (batch.Count == BatchSize)
            {
                deleted += await SubmitAsync(table, batch, cancellationToken);
                batch.Clear();
            }
        }

        foreach (var batch in byPartition.Values.Where(b => b.Count > 0))
        {
            deleted += await SubmitAsync(table, batch, cancellationToken);
        }

        return deleted;
    }

    private static async Task<int> SubmitAsync(TableClient table, List<TableEntity> batch, CancellationToken cancellationToken)
    {
        try
        {
            // Conditional on the row read: one written since (reopened, re-sent) is newer than the cutoff and stays.
            await table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, e.ETag)), cancellationToken);
            return batch.Count;
        }
        catch (TableTransactionFailedException e) when (e.Status is 404 or 412)
        {
            return 0; // one row changed or went since it was read: the next daily purge decides again
        }
    }
}
