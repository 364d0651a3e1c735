using Azure;
using Azure.Data.Tables;
using CpAlerts.Application.Ports;
using NodaTime;

namespace CpAlerts.Adapters.Storage;

/// <summary>
/// One row per message id in the deliveries table, written before and after the send. The conditional
/// first write is the dedupe: two deliveries of the same message send once. The one gap left is a
/// crash after the mail service accepted the email and before "sent" was recorded: after the lease
/// the redelivered message is sent again.
/// </summary>
public sealed class DeliveryLog(TableStorage storage, Duration lease) : IDeliveryLog
{
    private TableClient Table => storage.Table(TableNames.Deliveries); // made on first use (cold start)

    public async Task<DeliveryClaim> BeginAsync(string council, string messageId, string kind, Instant now, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(TableKeys.Escape(council), TableKeys.Escape(messageId))
        {
            ["Status"] = DeliveryStatus.Sending,
            ["Kind"] = kind,
            ["UpdatedAt"] = now.ToDateTimeOffset(),
            ["Attempts"] = 1,
        };
        try
        {
            await Table.AddEntityAsync(entity, cancellationToken);
            return new DeliveryClaim(DeliveryClaim.Decision.Send, entity.PartitionKey, entity.RowKey, 1);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Someone has seen this message id before: decide from what they recorded.
        }

        var existing = (await Table.GetEntityAsync<TableEntity>(entity.PartitionKey, entity.RowKey, cancellationToken: cancellationToken)).Value;
        var status = existing.GetString("Status");
        var attempts = (existing.GetInt32("Attempts") ?? 1) + 1;
        var stale = existing.GetDateTimeOffset("UpdatedAt") is { } at && now - Instant.FromDateTimeOffset(at) >= lease;
        if (status is DeliveryStatus.Sent or DeliveryStatus.Failed)
        {
            return new DeliveryClaim(status == DeliveryStatus.Sent ? DeliveryClaim.Decision.AlreadySent : DeliveryClaim.Decision.AlreadyFailed, entity.PartitionKey, entity.RowKey, attempts)
            {
                Detail = existing.GetString("Detail"),
            };
        }

        if (status == DeliveryStatus.Sending && !stale)
        {
            return new DeliveryClaim(DeliveryClaim.Decision.InProgressElsewhere, entity.PartitionKey, entity.RowKey, attempts);
        }

        entity["Attempts"] = attempts;
        try
        {
            await Table.UpdateEntityAsync(entity, existing.ETag, TableUpdateMode.Replace, cancellationToken);
            return new DeliveryClaim(DeliveryClaim.Decision.Send, entity.PartitionKey, entity.RowKey, attempts);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return new DeliveryClaim(DeliveryClaim.Decision.InProgressElsewhere, entity.PartitionKey, entity.RowKey, attempts);
        }
    }

    public async Task RecordAsync(DeliveryClaim claim, string status, string detail, Instant now, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(claim.PartitionKey, claim.RowKey)
        {
            ["Status"] = status,
            ["Detail"] = detail,
            ["UpdatedAt"] = now.ToDateTimeOffset(),
            ["Attempts"] = claim.Attempts,
        };
        await Table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    public async Task<string?> StatusAsync(string council, string messageId, CancellationToken cancellationToken = default)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(council), TableKeys.Escape(messageId), cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.GetString("Status") : null;
    }
}
