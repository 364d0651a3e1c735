using CpAlerts.Adapters.Storage;
using CpAlerts.Adapters.Telemetry;
using CpAlerts.Application.Import;
using NodaTime;

namespace CpAlerts.Tool.Jobs;

/// <summary>
/// One import of an export into Table Storage: plan (what would be added, changed and removed), let
/// <see cref="RemovalPolicy"/> decide on removals, write, and record the run. Every valid row is written;
/// what the export no longer lists is removed only when the policy allows.
/// </summary>
public static class ImportJob
{
    public sealed record ImportResult(string Text, RemovalDecision Removal, ImportChanges Changes);

    /// <summary>Each file's state, said plainly: missing (an error for an import) or present with no rows.</summary>
    public static IEnumerable<string> FileReport(RecordExport export) =>
        export.MissingFiles.Select(f => $"error: {f} is missing from the export: nothing will be removed (a kind with no rows still needs its file, with the header row)")
            .Concat(export.Files.Where(f => f.Value == 0).OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"note: {f.Key} is present with no rows (header only)"))
            .Concat(export.Notes.Select(n => $"note: {n}"));

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
            counts = await store.ApplyImportAsync(plan, decision.Remove, started, progress, cancellationToken);
        }
        catch (Exception e) when (StorageFailure.Is(e) || e is OperationCanceledException)
        {
            await TryRecordFailureAsync(log, council, started, clock, export, cancellationToken);
            throw;
        }

        var complete = decision.Remove && export.IsComplete;
        await log.RecordAsync(council, started, clock.GetCurrentInstant(), complete ? "complete" : "partial", counts, export.Rejected.Length, cancellationToken);
        HandlerMetrics.Imported(council, counts.CaseloadRows + counts.StaffRows, export.Rejected.Length, counts.Deleted, heldBack: !decision.Remove);
        var removal = !decision.Remove ? decision.Reason
            : counts.Deleted == 0 ? "nothing to remove"
            : $"{RemovalPolicy.Describe(changes, (c, k) => c.RemovedCount(k))} no longer in the export removed";
        return new ImportResult($"import {council}: {counts.CaseloadRows} caseload and {counts.StaffRows} staff rows written; {removal}.", decision, changes);
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
}
