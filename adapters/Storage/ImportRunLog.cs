using Azure.Data.Tables;
using NodaTime;

namespace CpAlerts.Adapters.Storage;

/// <summary>One row per import run (newest first in a partition scan): what an operator checks after a nightly load.</summary>
public sealed class ImportRunLog(TableStorage storage)
{
    private TableClient Table => storage.Table(TableNames.ImportRuns); // made on first use (cold start)

    public Task RecordAsync(string council, Instant startedAt, Instant finishedAt, string outcome, ImportCounts? counts, int rejectedRows, CancellationToken cancellationToken = default)
    {
        // Inverted ticks: the newest run sorts first.
        var rowKey = (DateTimeOffset.MaxValue.UtcTicks - startedAt.ToDateTimeOffset().UtcTicks).ToString("D19");
        return Table.UpsertEntityAsync(new TableEntity(TableKeys.Escape(council), rowKey)
        {
            ["StartedAt"] = startedAt.ToDateTimeOffset(),
            ["FinishedAt"] = finishedAt.ToDateTimeOffset(),
            ["Outcome"] = outcome,
            ["CaseloadRows"] = counts?.CaseloadRows,
            ["StaffRows"] = counts?.StaffRows,
            ["Deleted"] = counts?.Deleted,
            ["RejectedRows"] = rejectedRows,
        }, TableUpdateMode.Replace, cancellationToken);
    }
}
