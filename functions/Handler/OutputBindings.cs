using CpAlerts.Functions.Web;

namespace CpAlerts.Functions.Handler;

/// <summary>
/// The outputs each function fills, by the names of its function.json "out" bindings: the one place in code those
/// names are written. The host sends an output only under a name the function.json binds and drops any other unsent
/// (Workers/Http/DefaultHttpWorkerService.cs reads Outputs by binding name), so the two must agree both ways
/// (HostFilesTests compares them).
/// </summary>
public static class OutputBindings
{
    /// <summary>Service Bus outputs: a timer's council sweep requests, and what a council sweep hands to delivery.</summary>
    public const string Sweeps = "sweeps", Escalations = "escalations", IhaRequests = "ihaRequests", Digests = "digests", Reports = "reports", Scorecards = "scorecards";

    /// <summary>A team-view page's answer: the forwarded HTTP response (enableForwardingHttpRequest), bound as the http output `$return`.</summary>
    public const string HttpResponse = "$return";

    /// <summary>Every function the app has, with the outputs it may fill.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> ByFunction = new Dictionary<string, IReadOnlyList<string>>
    {
        [SweepFunctions.DailySweep] = [Sweeps],
        [SweepFunctions.WeeklyDigest] = [Sweeps],
        [SweepFunctions.PublishScorecard] = [Sweeps],
        // Daily: escalations and IHA requests; weekly: digests and IHA request reports; monthly: the scorecard.
        [SweepFunctions.SweepCouncil] = [Escalations, IhaRequests, Digests, Reports, Scorecards],
        // One message in, one email out: retry copies are scheduled through IRetryScheduler, not answered as outputs.
        [DeliveryFunctions.DeliverDigest] = [],
        [DeliveryFunctions.DeliverEscalation] = [],
        [DeliveryFunctions.NotifyHealthTeam] = [],
        [DeliveryFunctions.DeliverScorecard] = [],
        [DeliveryFunctions.DeliverReport] = [],
        [RetentionFunctions.PurgeOldRecords] = [],
        [WebEndpoints.Home] = [HttpResponse],
        [WebEndpoints.TeamView] = [HttpResponse],
        [WebEndpoints.Acknowledge] = [HttpResponse],
        [WebEndpoints.WithdrawAcknowledgement] = [HttpResponse],
    };

    /// <summary>
    /// Refuses an output the function does not declare before anything is handed over: answered, the host would drop
    /// it without a word, and the messages in it would never be sent.
    /// </summary>
    public static void Require(string function, IEnumerable<string> outputs)
    {
        var declared = ByFunction[function];
        if (outputs.FirstOrDefault(o => !declared.Contains(o)) is { } undeclared)
        {
            throw new InvalidOperationException($"{function} answers the output '{undeclared}', which it does not declare (OutputBindings.ByFunction)");
        }
    }
}
