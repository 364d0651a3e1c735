using Azure;
using Azure.Data.Tables;
using CpAlerts.Application.Ports;
using CpAlerts.Domain.Calendar;
using NodaTime;
using NodaTime.Text;

namespace CpAlerts.Adapters.Storage;

/// <summary>
/// Which sweeps have completed, per council (PartitionKey the council): a row "{kind}|{London date}" per
/// completed run, so a past-due timer can tell whether that day's run still has to happen; and a row
/// "{kind}" holding the latest completed as-of, so a replayed or late sweep message with an older as-of
/// can be recognised and left alone.
/// </summary>
/// <remarks>A row "sweep|{sweep id}" per completed sweep says it handed its messages over (<see cref="ISweepHandovers"/>).</remarks>
public sealed class SweepRunLog(TableStorage storage) : ISweepHandovers
{
    private TableClient Table => storage.Table(TableNames.SweepRuns); // made on first use (cold start)

    /// <summary>Whether a sweep of this kind completed for the London date of <paramref name="asOf"/>.</summary>
    public async Task<bool> CompletedOnAsync(string council, string kind, Instant asOf, CancellationToken cancellationToken = default) =>
        (await Table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(council), DayRow(kind, asOf), cancellationToken: cancellationToken)).HasValue;

    /// <summary>The as-of of the latest completed sweep of this kind, if any.</summary>
    public async Task<Instant?> LatestCompletedAsync(string council, string kind, CancellationToken cancellationToken = default)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(council), TableKeys.Escape(kind), cancellationToken: cancellationToken);
        return row.HasValue && row.Value!.GetDateTimeOffset("AsOf") is { } at ? Instant.FromDateTimeOffset(at) : null;
    }

    /// <summary>Whether the sweep of that id completed, so its messages are in the outbox.</summary>
    public async Task<bool> HandedOverAsync(string council, string sweepId, CancellationToken cancellationToken = default) =>
        (await Table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(council), SweepRow(sweepId), select: ["RowKey"], cancellationToken: cancellationToken)).HasValue;

    /// <summary>
    /// Records a completed sweep: its own row, its day row, and the latest as-of if this one is newer (ETag-conditional,
    /// so racing sweeps keep the newest).
    /// </summary>
    public async Task RecordCompletedAsync(string council, string kind, Instant asOf, Instant completedAt, string? sweepId = null, CancellationToken cancellationToken = default)
    {
        var partition = TableKeys.Escape(council);
        if (sweepId is not null)
        {
            await Table.UpsertEntityAsync(new TableEntity(partition, SweepRow(sweepId)) { ["CompletedAt"] = completedAt.ToDateTimeOffset() }, TableUpdateMode.Replace, cancellationToken);
        }

        await Table.UpsertEntityAsync(new TableEntity(partition, DayRow(kind, asOf))
        {
            ["AsOf"] = asOf.ToDateTimeOffset(),
            ["CompletedAt"] = completedAt.ToDateTimeOffset(),
        }, TableUpdateMode.Replace, cancellationToken);

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var existing = await Table.GetEntityIfExistsAsync<TableEntity>(partition, TableKeys.Escape(kind), cancellationToken: cancellationToken);
            if (existing.HasValue && existing.Value!.GetDateTimeOffset("AsOf") is { } latest && Instant.FromDateTimeOffset(latest) >= asOf)
            {
                return;
            }

            var row = new TableEntity(partition, TableKeys.Escape(kind)) { ["AsOf"] = asOf.ToDateTimeOffset(), ["CompletedAt"] = completedAt.ToDateTimeOffset() };
            try
            {
                _ = existing.HasValue
                    ? await Table.UpdateEntityAsync(row, existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken)
                    : await Table.AddEntityAsync(row, cancellationToken);
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another sweep recorded in between: read again and keep the newer.
            }
        }
    }

    private static string SweepRow(string sweepId) => TableKeys.Escape($"sweep|{sweepId}");

    private static string DayRow(string kind, Instant asOf) => TableKeys.Escape($"{kind}|{LocalDatePattern.Iso.Format(LondonTime.DateOf(asOf))}");
}
