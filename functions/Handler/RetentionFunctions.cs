using CpAlerts.Adapters.Storage;
using CpAlerts.Adapters.Telemetry;
using NodaTime;

namespace CpAlerts.Functions.Handler;

/// <summary>
/// The daily purge (02:30 UTC, a quiet hour whatever the season; no London-hour rule is needed because nothing is
/// sent): deletes closed findings, delivery records and import runs older than their retention. Safe to run twice:
/// a retried timer deletes nothing more.
/// </summary>
public sealed class RetentionFunctions(RetentionPurge purge, IClock clock)
{
    public const string PurgeOldRecords = "PurgeOldRecords";

    public async Task<InvocationResponse> PurgeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var counts = await purge.PurgeAsync(request.UtcNow(clock), cancellationToken);
        HandlerMetrics.Purged(TableNames.Findings, counts.ClosedFindings);
        HandlerMetrics.Purged(TableNames.Deliveries, counts.Deliveries);
        HandlerMetrics.Purged(TableNames.ImportRuns, counts.ImportRuns);
        HandlerMetrics.Purged(TableNames.Acknowledgements, counts.Acknowledgements);
        HandlerMetrics.Purged(TableNames.Outbox, counts.Outbox);
        return InvocationResponse.Empty($"purge: {counts.ClosedFindings} closed finding(s), {counts.Deliveries} delivery record(s), {counts.ImportRuns} import run(s), " +
            $"{counts.Acknowledgements} \"in hand\" record(s) and {counts.Outbox} outbox row(s) past their retention deleted.");
    }
}
