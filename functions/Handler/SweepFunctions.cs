using CpAlerts.Domain.Scorecard;
using CpAlerts.Functions.Messages;
using CpAlerts.Functions.Storage;
using CpAlerts.Functions.Sweep;
using NodaTime;
using NodaTime.Text;

namespace CpAlerts.Functions.Handler;

/// <summary>
/// The timer functions and the per-council sweep. Timers only fan out one `sweeps` message per council,
/// so a region's councils are evaluated by separate invocations that Azure scales out.
/// </summary>
public sealed class SweepFunctions(CaseloadStore caseload, CouncilSweep sweep, IClock clock)
{
    public const string DailySweep = "DailySweep", WeeklyDigest = "WeeklyDigest", PublishScorecard = "PublishScorecard", SweepCouncil = "SweepCouncil";
    public const string Daily = "daily", Digest = "digest", Scorecard = "scorecard";

    /// <summary>The scorecard period published each month: month, quarter or year to the end of last month.</summary>
    public PeriodKind ScorecardPeriod { get; init; } = PeriodKind.Month;

    /// <summary>06:00 London every day (timer at 05:00 and 06:00 UTC).</summary>
    public Task<InvocationResponse> DailySweepAsync(InvocationRequest request, CancellationToken cancellationToken) =>
        FanOutAsync(request, Daily, ScheduleGate.IsLondonHour(request.UtcNow(clock), 6), cancellationToken);

    /// <summary>Monday 07:00 London (timer at 06:00 and 07:00 UTC on Mondays).</summary>
    public Task<InvocationResponse> WeeklyDigestAsync(InvocationRequest request, CancellationToken cancellationToken) =>
        FanOutAsync(request, Digest, ScheduleGate.IsLondonHour(request.UtcNow(clock), 7, IsoDayOfWeek.Monday), cancellationToken);

    /// <summary>07:00 London on the 1st of each month (timer at 06:00 and 07:00 UTC on the 1st): last month's scorecard.</summary>
    public Task<InvocationResponse> PublishScorecardAsync(InvocationRequest request, CancellationToken cancellationToken) =>
        FanOutAsync(request, Scorecard, ScheduleGate.IsLondonHour(request.UtcNow(clock), 7, dayOfMonth: 1), cancellationToken);

    private async Task<InvocationResponse> FanOutAsync(InvocationRequest request, string kind, bool due, CancellationToken cancellationToken)
    {
        var now = request.UtcNow(clock);
        if (!due)
        {
            return InvocationResponse.Empty($"{kind}: {InstantPattern.ExtendedIso.Format(now)} is the other UTC candidate hour; the London-hour firing does the work.");
        }

        var councils = await caseload.ReadCouncilsAsync(cancellationToken);
        var asOf = InstantPattern.ExtendedIso.Format(now);
        var requests = councils.Select(c => new SweepRequest(MessageSchema.Version, c, kind, asOf)).ToList();
        return new InvocationResponse(new() { ["sweeps"] = requests }, [$"{kind}: {requests.Count} council sweep(s) queued{(request.IsPastDue("timer") ? " (timer was past due)" : "")}."]);
    }

    /// <summary>One council: escalations and IHA requests (daily) or digests (weekly).</summary>
    public async Task<InvocationResponse> SweepCouncilAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var message = request.Message<SweepRequest>("message");
        var parsed = InstantPattern.ExtendedIso.Parse(message.AsOf);
        if (!parsed.Success)
        {
            throw new PoisonMessageException("asOf is not an ISO instant");
        }

        switch (message.Kind)
        {
            case Daily:
                var result = await sweep.RunDailyAsync(message.Council, parsed.Value, Guid.NewGuid().ToString("N"), cancellationToken);
                return new InvocationResponse(
                    new() { ["escalations"] = result.Escalations, ["ihaRequests"] = result.IhaRequests },
                    [$"daily {message.Council}: {result.OpenFindings} open finding(s), {result.Escalations.Count} escalation email(s), {result.IhaRequests.Count} IHA request(s), {result.Closed} closed."]);
            case Digest:
                var digests = await sweep.RunDigestAsync(message.Council, parsed.Value, cancellationToken);
                return new InvocationResponse(new() { ["digests"] = digests }, [$"digest {message.Council}: {digests.Count} digest email(s)."]);
            case Scorecard:
                // Published on the 1st: the period ends on the last day of the month before.
                var periodEnd = LocalDatePattern.Iso.Format(Domain.Calendar.LondonTime.DateOf(parsed.Value).PlusDays(-1));
                var period = ReportingPeriod.NameOf(ScorecardPeriod);
                var card = new ScorecardMessage(MessageSchema.Version, MessageSchema.IdFor(message.Council, Scorecard, period, periodEnd), message.Council, period, periodEnd);
                return new InvocationResponse(new() { ["scorecards"] = new[] { card } }, [$"scorecard {message.Council}: {period} to {periodEnd} queued."]);
            default:
                throw new PoisonMessageException($"unknown sweep kind (expected {Daily}, {Digest} or {Scorecard})");
        }
    }
}
