using System.CommandLine;
using CpAlerts.Functions.Configuration;
using CpAlerts.Functions.Import;
using CpAlerts.Functions.Storage;
using Microsoft.Extensions.Configuration;
using NodaTime;

namespace CpAlerts.Functions.Cli;

/// <summary>
/// `import`: loads an export folder into Table Storage. Every valid row is written; what the export no
/// longer lists is removed only as <see cref="RemovalPolicy"/> allows (a complete export, and not a
/// large share of the caseload without --allow-large-removal). `--dry-run` says what would happen.
/// </summary>
public static class ImportCommand
{
    public const string MaxRemovedPercentSetting = "CpAlerts:Import:MaxRemovedPercent";

    public static Command Create(IConfiguration configuration, IClock clock)
    {
        var data = CommonOptions.DataFolder();
        var council = CouncilCode.Option();
        var dryRun = new Option<bool>("--dry-run") { Description = "Report what would be added, changed and removed, and write nothing." };
        var allowLarge = new Option<bool>("--allow-large-removal")
        {
            Description = "Remove records the export no longer lists even when that is more than CpAlerts__Import__MaxRemovedPercent of the children, or every record of a kind.",
        };
        var command = new Command("import", "Load a CSV export into Table Storage (idempotent).") { data, council, dryRun, allowLarge };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var code = CouncilCode.Resolve(parse.GetValue(council), configuration);
            var policy = new RemovalPolicy(MaxRemovedPercent(configuration));
            var export = RecordExportReader.ReadFolder(parse.GetRequiredValue(data).FullName, Domain.Calendar.LondonTime.DateOf(clock.GetCurrentInstant()));
            foreach (var rejected in export.Rejected)
            {
                Console.Error.WriteLine(TerminalText.Clean($"rejected {rejected}"));
            }

            foreach (var line in FileReport(export))
            {
                Console.Error.WriteLine(line);
            }

            var storage = TableStorage.FromConfiguration(configuration);
            var result = await RunAsync(storage, code, export, clock, new ConsoleProgress(), cancellationToken, policy, parse.GetValue(allowLarge), parse.GetValue(dryRun));
            Console.Error.WriteLine(TerminalText.Clean(result.Text));
            return result.Removal.Remove && export.IsComplete ? ExitCodes.Success : ExitCodes.RowsRejected;
        });
        return command;
    }

    public sealed record ImportResult(string Text, RemovalDecision Removal, ImportChanges Changes);

    /// <summary>Each file's state, said plainly: missing (an error for an import) or present with no rows.</summary>
    public static IEnumerable<string> FileReport(RecordExport export) =>
        export.MissingFiles.Select(f => $"error: {f} is missing from the export: nothing will be removed (a kind with no rows still needs its file, with the header row)")
            .Concat(export.Files.Where(f => f.Value == 0).OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"note: {f.Key} is present with no rows (header only)"));

    /// <summary>Imports and records the run, also when it fails half-way (a re-run completes it: upserts are idempotent).</summary>
    public static async Task<ImportResult> RunAsync(TableStorage storage, string council, RecordExport export, IClock clock, IProgress<ImportProgress>? progress, CancellationToken cancellationToken,
        RemovalPolicy? policy = null, bool allowLargeRemoval = false, bool dryRun = false)
    {
        var started = clock.GetCurrentInstant();
        await storage.EnsureTablesAsync(cancellationToken);
        var store = new CaseloadStore(storage);
        var plan = await store.PlanImportAsync(council, export, compareValues: dryRun, cancellationToken);
        var decision = (policy ?? RemovalPolicy.Default).Decide(export, plan.Changes, allowLargeRemoval);
        var changes = plan.Changes;
        if (dryRun)
        {
            var wouldRemove = decision.Remove ? $"would remove {RemovalPolicy.Describe(changes, (c, k) => c.RemovedCount(k))}" : decision.Reason.Replace("nothing removed", "would remove nothing", StringComparison.Ordinal);
            return new ImportResult(
                $"import {council} (dry run, nothing written): would add {RemovalPolicy.Describe(changes, (c, k) => c.AddedCount(k))}; would change {RemovalPolicy.Describe(changes, (c, k) => c.ChangedCount(k))}; {wouldRemove}.",
                decision, changes);
        }

        var log = new ImportRunLog(storage);
        ImportCounts counts;
        try
        {
            counts = await store.ApplyImportAsync(plan, decision.Remove, progress, cancellationToken);
        }
        catch (Exception e) when (StorageFailure.Is(e) || e is OperationCanceledException)
        {
            await TryRecordFailureAsync(log, council, started, clock, export, cancellationToken);
            throw;
        }

        var complete = decision.Remove && export.IsComplete;
        await log.RecordAsync(council, started, clock.GetCurrentInstant(), complete ? "complete" : "partial", counts, export.Rejected.Length, cancellationToken);
        var removal = !decision.Remove ? decision.Reason
            : counts.Deleted == 0 ? "nothing to remove"
            : $"{RemovalPolicy.Describe(changes, (c, k) => c.RemovedCount(k))} no longer in the export removed";
        return new ImportResult($"import {council}: {counts.CaseloadRows} caseload and {counts.StaffRows} staff rows written; {removal}.", decision, changes);
    }

    private static int MaxRemovedPercent(IConfiguration configuration) => configuration[MaxRemovedPercentSetting] is not { } text
        ? RemovalPolicy.DefaultMaxRemovedPercent
        : int.TryParse(text, out var n) && n is >= 0 and <= 100 ? n : throw new InvalidSettingException(MaxRemovedPercentSetting, "a whole number of percent from 0 to 100");

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
