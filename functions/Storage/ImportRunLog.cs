using Azure.Data.Tables;
using NodaTime;

namespace CpAlerts.Functions.Storage;

/// <summary>One row per import run (newest first in a partition scan): what an operator checks after a nightly load.</summary>
public sealed class ImportRunLog(TableStorage storage)
{
    private readonly TableClient _table = storage.Table(TableNames.ImportRuns);

    public Task RecordAsync(string council, Instant startedAt, Instant finishedAt, string outcome, ImportCounts? counts, int rejectedRows, CancellationToken cancellationToken = default)
    {
        // Inverted ticks: the newest run sorts first.
        var rowKey = (DateTimeOffset.MaxValue.UtcTicks - startedAt.ToDateTimeOffset().UtcTicks).ToString("D19");
        return _table.UpsertEntityAsync(new TableEntity(TableKeys.Escape(council), rowKey)
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
