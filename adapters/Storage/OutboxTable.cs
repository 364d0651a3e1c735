using System.Runtime.CompilerServices;
using System.Text;
using Azure;
using Azure.Data.Tables;
using CpAlerts.Application.Ports;
using NodaTime;

namespace CpAlerts.Adapters.Storage;

/// <summary>
/// The outbox table: one row per message a sweep handed to the host (PartitionKey the council, RowKey the message
/// id, as in the deliveries table). The body is kept byte for byte so that a redrive sends the identical message.
/// A Table property holds at most 64 KiB and an entity at most 1 MiB ("Understanding the Table service data model",
/// Property types and Entity size), so the UTF-8 body is split over binary properties Body0, Body1, …; the message
/// budget is capped well under the entity limit (<see cref="Configuration.MessageBudget.MaxBytes"/>).
/// </summary>
public sealed class OutboxTable(TableStorage storage) : ISweepOutbox
{
    /// <summary>Bytes per binary property: under the 64 KiB property limit.</summary>
    internal const int ChunkBytes = 60 * 1024;

    /// <summary>
    /// An entity group transaction carries at most 100 entities and 4 MiB of request ("Performing entity group
    /// transactions"); binary properties travel base64-encoded (4/3 larger), so 2 MiB of bodies stays well inside.
    /// Azurite does not enforce the limit (Azure/Azurite#1467): this is the only guard.
    /// </summary>
    private const int TransactionEntities = 100, TransactionBytes = 2 * 1024 * 1024;

    private TableClient Table => storage.Table(TableNames.Outbox); // made on first use (cold start)

    public async Task KeepAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken = default)
    {
        foreach (var council in messages.GroupBy(m => m.Council))
        {
            var batch = new List<TableTransactionAction>();
            var bytes = 0;
            foreach (var message in council)
            {
                var entity = ToEntity(message);
                var size = Encoding.UTF8.GetByteCount(message.Body);
                if (batch.Count == TransactionEntities || (batch.Count > 0 && bytes + size > TransactionBytes))
                {
                    await Table.SubmitTransactionAsync(batch, cancellationToken);
                    batch.Clear();
                    bytes = 0;
                }

                batch.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));
                bytes += size;
            }

            if (batch.Count > 0)
            {
                await Table.SubmitTransactionAsync(batch, cancellationToken);
            }
        }
    }

    public async IAsyncEnumerable<OutboxEntry> DueAsync(string council, Instant cutoff, Instant asOf, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {TableKeys.Escape(council)} and (HandedOverAt le {cutoff.ToDateTimeOffset()} or (HandedOverAt eq {asOf.ToDateTimeOffset()} and Redriven gt 0))");
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, select: EntryColumns, cancellationToken: cancellationToken))
        {
            yield return new OutboxEntry(council, entity.GetString("MessageId"), entity.GetString("Output"),
                Instant.FromDateTimeOffset(entity.GetDateTimeOffset("HandedOverAt")!.Value), entity.GetInt32("Redriven") ?? 0);
        }
    }

    public async Task<string> BodyAsync(OutboxEntry entry, CancellationToken cancellationToken = default)
    {
        var entity = (await Table.GetEntityAsync<TableEntity>(TableKeys.Escape(entry.Council), TableKeys.Escape(entry.MessageId), cancellationToken: cancellationToken)).Value;
        var body = new MemoryStream();
        for (var i = 0; i < (entity.GetInt32("BodyChunks") ?? 0); i++)
        {
            body.Write(entity.GetBinary($"Body{i}"));
        }

        return Encoding.UTF8.GetString(body.ToArray());
    }

    public async Task RedrivenAsync(OutboxEntry entry, Instant asOf, CancellationToken cancellationToken = default) =>
        await Table.UpdateEntityAsync(new TableEntity(TableKeys.Escape(entry.Council), TableKeys.Escape(entry.MessageId))
        {
            ["HandedOverAt"] = asOf.ToDateTimeOffset(),
            ["Redriven"] = entry.Redriven + 1,
        }, ETag.All, TableUpdateMode.Merge, cancellationToken);

    public async Task ForgetAsync(OutboxEntry entry, CancellationToken cancellationToken = default)
    {
        try
        {
            await Table.DeleteEntityAsync(TableKeys.Escape(entry.Council), TableKeys.Escape(entry.MessageId), ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Another sweep forgot it first.
        }
    }

    private static readonly string[] EntryColumns = ["MessageId", "Output", "HandedOverAt", "Redriven"];

    private static TableEntity ToEntity(OutboxMessage message)
    {
        var entity = new TableEntity(TableKeys.Escape(message.Council), TableKeys.Escape(message.MessageId))
        {
            ["MessageId"] = message.MessageId,
            ["Output"] = message.Output,
            ["HandedOverAt"] = message.HandedOverAt.ToDateTimeOffset(),
            ["Redriven"] = 0,
        };
        var body = Encoding.UTF8.GetBytes(message.Body);
        var chunks = body.Chunk(ChunkBytes).ToList();
        for (var i = 0; i < chunks.Count; i++)
        {
            entity[$"Body{i}"] = chunks[i];
        }

        entity["BodyChunks"] = chunks.Count;
        return entity;
    }
}
