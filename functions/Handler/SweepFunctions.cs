using System.Diagnostics;
using CpAlerts.Adapters.Storage;
using CpAlerts.Adapters.Telemetry;
using CpAlerts.Application.Messages;
using CpAlerts.Application.Sweep;
using CpAlerts.Domain.Calendar;
using CpAlerts.Domain.Scorecards;
using NodaTime;
using NodaTime.Text;

namespace CpAlerts.Functions.Handler;

/// <summary>
/// The timer functions and the per-council sweep. Timers only fan out one `sweeps` message per council,
/// so a region's councils are evaluated by separate invocations that Azure scales out. A sweep is named
/// by its message (council, kind, as-of): the timers put the scheduled instant in it, never the clock,
/// so a retried timer or a redelivered message is the same sweep and sends the same messages again.
/// </summary>
/// <remarks>
/// Every message a council sweep answers is kept in the <see cref="Outbox"/> first, and each daily sweep first sends
/// again what earlier sweeps handed over and delivery never saw (the host sends outputs after the answer, and may not).
/// </remarks>
public sealed class SweepFunctions(CaseloadStore caseload, CouncilSweep sweep, SweepRunLog runs, Outbox outbox, WorkingCalendar calendar, IClock clock, ILogger logger)
{
    public const string DailySweep = "DailySweep", WeeklyDigest = "WeeklyDigest", PublishScorecard = "PublishScorecard", SweepCouncil = "SweepCouncil";
    public const string Daily = "daily", Digest = "digest", Scorecard = "scorecard";

    /// <summary>06:00 London every day, bank holidays included: escalations and same-day alerts cannot wait (timer at 05:00 and 06:00 UTC).</summary>
    public LondonSchedule DailySchedule { get; } = new(new LocalTime(6, 0));

    /// <summary>Monday 07:00 London, or the next working day after a bank holiday Monday (timer at 06:00 and 07:00 UTC, Monday to Friday).</summary>
    public LondonSchedule DigestSchedule { get; } = DigestScheduleFor(calendar);

    /// <summary>07:00 London on the 1st, or the next working day (timer at 06:00 and 07:00 UTC on the 1st to the 7th): last month's scorecard.</summary>
    public LondonSchedule ScorecardSchedule { get; } = ScorecardScheduleFor(calendar);

    public static LondonSchedule DigestScheduleFor(WorkingCalendar calendar) => new(new LocalTime(7, 0), OnDay: IsoDayOfWeek.Monday) { MovePastNonWorkingDays = calendar };

    public static LondonSchedule ScorecardScheduleFor(WorkingCalendar calendar) => new(new LocalTime(7, 0), OnDayOfMonth: 1) { MovePastNonWorkingDays = calendar };

    /// <summary>How far past the host's clock a sweep's as-of may be (SweepSettings.FutureSkew).</summary>
    public Duration FutureSkew { get; init; } = Duration.FromMinutes(CpAlerts.Application.Configuration.SweepSettings.DefaultFutureSkewMinutes);

    /// <summary>The scorecard period published each month: month, quarter or year to the end of last month.</summary>
    public PeriodKind ScorecardPeriod { get; init; } = PeriodKind.Month;

    public Task<InvocationResponse> DailySweepAsync(InvocationRequest request, CancellationToken cancellationToken) =>
        FanOutAsync(request, DailySweep, Daily, DailySchedule, cancellationToken);

    public Task<InvocationResponse> WeeklyDigestAsync(InvocationRequest request, CancellationToken cancellationToken) =>
        FanOutAsync(request, WeeklyDigest, Digest, DigestSchedule, cancellationToken);

    public Task<InvocationResponse> PublishScorecardAsync(InvocationRequest request, CancellationToken cancellationToken) =>
        FanOutAsync(request, PublishScorecard, Scorecard, ScorecardSchedule, cancellationToken);

    private async Task<InvocationResponse> FanOutAsync(InvocationRequest request, string function, string kind, LondonSchedule schedule, CancellationToken cancellationToken)
    {
        var firing = request.Timer("timer", clock);
        if (schedule.RunFor(firing.Occurrence, firing.IsPastDue, firing.Arrival) is not { } run)
        {
            return InvocationResponse.Empty($"{kind}: {Format(firing.Occurrence)} is the other UTC candidate hour; the London-hour firing does the work.");
        }

        var councils = await caseload.ReadCouncilsAsync(cancellationToken);
        if (firing.IsPastDue)
        {
            // Late (the host was down at the scheduled time): only the councils whose run has not completed.
            var due = new List<string>();
            foreach (var council in councils)
            {
                if (!await runs.CompletedOnAsync(council, kind, run, cancellationToken))
                {
                    due.Add(council);
                }
            }

            councils = due;
        }

        var requests = councils.Select(c => new SweepRequest(MessageSchema.Version, c, kind, run)).ToList();
        var late = firing.IsPastDue ? $" (timer was past due: catching up the run of {Format(run)})" : "";
        var outputs = new Dictionary<string, object?> { [OutputBindings.Sweeps] = requests };
        OutputBindings.Require(function, outputs.Keys);
        return new InvocationResponse(outputs, [$"{kind}: {requests.Count} council sweep(s) queued{late}."]);
    }

    /// <summary>One council: escalations and IHA requests (daily), digests (weekly) or the scorecard (monthly).</summary>
    public async Task<InvocationResponse> SweepCouncilAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var message = request.Message<SweepRequest>("message");
        // "dup" and "DUP" are one council: normalised as import and the CLI do, or a second council's rows would be written.
        message = message with { Council = CpAlerts.Application.Configuration.CouncilCode.Normalize(message.Council) ?? throw new PoisonMessageException($"council {CpAlerts.Application.Configuration.CouncilCode.CodeShape}") };
        if (message.Kind is not (Daily or Digest or Scorecard))
        {
            throw new PoisonMessageException($"unknown sweep kind (expected {Daily}, {Digest} or {Scorecard})");
        }

        var asOf = message.AsOf; // an ISO instant, checked as it is read (Messages/IsoInstantConverter)
        if (asOf > request.UtcNow(clock) + FutureSkew)
        {
            // Honoured, it would send tomorrow's news today and make every real sweep until then "older than the latest".
            throw new PoisonMessageException($"{message.Kind} {message.Council}: as-of {Format(asOf)} is later than the host's clock ({Format(request.UtcNow(clock))}) " +
                $"plus {FutureSkew.TotalMinutes:0} minutes; refused and not recorded as a sweep");
        }

        var sweepId = MessageSchema.IdFor(message.Council, message.Kind, Format(asOf));
        if (await runs.LatestCompletedAsync(message.Council, message.Kind, cancellationToken) is { } latest && asOf < latest)
        {
            // A replayed or late message: acting on it would close findings raised since and send them again as new.
            return InvocationResponse.Empty($"{message.Kind} {message.Council}: as-of {Format(asOf)} is older than the latest completed sweep ({Format(latest)}); nothing done.");
        }

        var started = Stopwatch.GetTimestamp();
        var (messages, logs) = message.Kind switch
        {
            Daily => await DailyAsync(message.Council, asOf, sweepId, cancellationToken),
            Digest => await DigestAsync(message.Council, asOf, cancellationToken),
            _ => ScorecardFor(message.Council, asOf),
        };
        // Before the outbox keeps them under these names (a later sweep sends them again under the same ones).
        OutputBindings.Require(SweepCouncil, messages.Keys);
        var outputs = await outbox.KeepAsync(message.Council, asOf, messages, cancellationToken);
        if (message.Kind == Daily)
        {
            var redrive = await outbox.RedriveAsync(message.Council, asOf, outputs, cancellationToken);
            if (redrive.SentAgain + redrive.GivenUp > 0)
            {
                logs.Add($"outbox {message.Council}: {redrive.SentAgain} message(s) handed over by earlier sweeps had no delivery record and are sent again; {redrive.Confirmed} confirmed.");
            }

            if (redrive.GivenUp > 0)
            {
                // Sent again on several daily sweeps and never seen by delivery: something other than the host is wrong.
                HandlerLog.MessagesGivenUp(logger, message.Council, redrive.GivenUp, Outbox.MaxRedrives + 1);
            }
        }

        await runs.RecordCompletedAsync(message.Council, message.Kind, asOf, request.UtcNow(clock), sweepId, cancellationToken);
        HandlerMetrics.SweepCompleted(message.Council, message.Kind, Stopwatch.GetElapsedTime(started));
        return new InvocationResponse(outputs, logs);
    }

    private async Task<(Dictionary<string, IEnumerable<ISweepMessage>>, List<string>)> DailyAsync(string council, Instant asOf, string sweepId, CancellationToken cancellationToken)
    {
        var result = await sweep.RunDailyAsync(council, asOf, sweepId, cancellationToken);
        HandlerMetrics.Findings(council, result.FindingsByRuleAndLevel);
        var baselines = result.Escalations.Count(e => e.Purpose == AlertPurpose.Baseline);
        var baselineText = baselines > 0 ? $" (first sweep: {baselines} baseline summary email(s) instead of one per existing item)" : "";
        return (new() { [OutputBindings.Escalations] = result.Escalations, [OutputBindings.IhaRequests] = result.IhaRequests },
            [$"daily {council}: {result.OpenFindings} open finding(s), {result.Escalations.Count} escalation email(s){baselineText}, {result.IhaRequests.Count} IHA request(s), {result.Closed} closed, {result.Held} held (in hand)."]);
    }

    private async Task<(Dictionary<string, IEnumerable<ISweepMessage>>, List<string>)> DigestAsync(string council, Instant asOf, CancellationToken cancellationToken)
    {
        // The previous digest by the same schedule: 8 days back after a bank holiday Monday, not always 7.
        // One read of the council for both (CouncilSweep.RunWeeklyAsync).
        var (digests, reports) = await sweep.RunWeeklyAsync(council, asOf, DigestSchedule.LatestAtOrBefore(asOf - Duration.FromMinutes(1)), cancellationToken);
        return (new() { [OutputBindings.Digests] = digests, [OutputBindings.Reports] = reports },
            [$"digest {council}: {digests.Count} digest email(s), {reports.Count} IHA request report(s)."]);
    }

    private (Dictionary<string, IEnumerable<ISweepMessage>>, List<string>) ScorecardFor(string council, Instant asOf)
    {
        // Published on the 1st (or the first working day after it): the period ends on the last day of the month before.
        var periodEnd = LondonTime.DateOf(asOf).With(DateAdjusters.StartOfMonth).PlusDays(-1);
        var period = ReportingPeriod.NameOf(ScorecardPeriod);
        var card = new ScorecardMessage(MessageSchema.Version, MessageSchema.IdFor(council, Scorecard, period, LocalDatePattern.Iso.Format(periodEnd)), council, period, periodEnd);
        return (new() { [OutputBindings.Scorecards] = new[] { card } }, [$"scorecard {council}: {period} to {LocalDatePattern.Iso.Format(periodEnd)} queued."]);
    }

    private static string Format(Instant instant) => InstantPattern.ExtendedIso.Format(instant);
}
