using System.CommandLine;
using CpAlerts.Functions.Configuration;
using CpAlerts.Functions.Import;
using CpAlerts.Functions.Storage;
using Microsoft.Extensions.Configuration;
using NodaTime;

namespace CpAlerts.Functions.Cli;

/// <summary>`import`: loads an export folder into Table Storage; deletes what the export no longer lists only when every row validated.</summary>
public static class ImportCommand
{
    public static Command Create(IConfiguration configuration, IClock clock)
    {
        var data = CommonOptions.DataFolder();
        var council = CouncilCode.Option();
        var command = new Command("import", "Load a CSV export into Table Storage (idempotent).") { data, council };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var code = CouncilCode.Resolve(parse.GetValue(council), configuration);
            var export = RecordExportReader.ReadFolder(parse.GetRequiredValue(data).FullName);
            foreach (var rejected in export.Rejected)
            {
                Console.Error.WriteLine($"rejected {rejected}");
            }

            var storage = TableStorage.FromConfiguration(configuration);
            var outcome = await RunAsync(storage, code, export, clock, new ConsoleProgress(), cancellationToken);
            Console.Error.WriteLine(outcome);
            return export.IsFullyValid ? ExitCodes.Success : ExitCodes.RowsRejected;
        });
        return command;
    }

    /// <summary>Imports and records the run, also when it fails half-way (a re-run completes it: upserts are idempotent).</summary>
    public static async Task<string> RunAsync(TableStorage storage, string council, RecordExport export, IClock clock, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var started = clock.GetCurrentInstant();
        await storage.EnsureTablesAsync(cancellationToken);
        var log = new ImportRunLog(storage);
        ImportCounts counts;
        try
        {
            counts = await new CaseloadStore(storage).ImportAsync(council, export, deleteMissing: export.IsFullyValid, progress, cancellationToken);
        }
        catch (Exception e) when (StorageFailure.Is(e) || e is OperationCanceledException)
        {
            await TryRecordFailureAsync(log, council, started, clock, export, cancellationToken);
            throw;
        }

        await log.RecordAsync(council, started, clock.GetCurrentInstant(), export.IsFullyValid ? "complete" : "partial", counts, export.Rejected.Length, cancellationToken);
        var deletion = export.IsFullyValid
            ? $"{counts.Deleted} record(s) no longer in the export deleted"
            : $"nothing deleted because {export.Rejected.Length} row(s) were rejected; fix them and import again";
        return $"import {council}: {counts.CaseloadRows} caseload and {counts.StaffRows} staff rows written; {deletion}.";
    }

    private static async Task TryRecordFailureAsync(ImportRunLog log, string council, Instant started, IClock clock, RecordExport export, CancellationToken cancellationToken)
    {
        try
        {
            await log.RecordAsync(council, started, clock.GetCurrentInstant(), "failed", null, export.Rejected.Length, cancellationToken);
        }
        catch (Exception e) when (StorageFailure.Is(e) || e is OperationCanceledException)
        {
            // Storage is down: the failure itself is what the caller reports.
        }
    }

    /// <summary>Progress on standard error, at most every 10% so a long import shows it is alive.</summary>
    private sealed class ConsoleProgress : IProgress<ImportProgress>
    {
        private int _lastTenth = -1;

        public void Report(ImportProgress value)
        {
            var tenth = value.Total == 0 ? 10 : value.Done * 10 / value.Total;
            if (tenth != _lastTenth)
            {
                _lastTenth = tenth;
                Console.Error.WriteLine($"import: {value.Done:N0} of {value.Total:N0} rows written ({tenth * 10}%)");
            }
        }
    }
}
