using CpAlerts.Application.Configuration;
using CpAlerts.Application.Delivery;
using CpAlerts.Application.Messages;
using CpAlerts.Application.Ports;
using CpAlerts.Application.Reporting;
using CpAlerts.Application.Wording;

namespace CpAlerts.Functions.Handler;

/// <summary>
/// The Service Bus-triggered senders: one message in, one email out (or none, for a duplicate). A delivery that
/// fails for a passing reason (the mail service busy or down, our key refused) is tried again later from a copy
/// scheduled on the message's own queue or topic, and the invocation succeeds: Service Bus redelivers a failed
/// message at once, with no back-off (docs/host-contract.md), so failing the invocation would use up its ten
/// deliveries in seconds. Only when the copy cannot be scheduled does the invocation fail, so nothing is lost.
/// </summary>
public sealed class DeliveryFunctions(DeliveryPipeline pipeline, EmailContent content, DeliveryFunctions.ScorecardSource scorecards,
    IRetryScheduler retries, RetrySchedule schedule, NodaTime.IClock clock, ILogger logger)
{
    /// <summary>Builds a council's scorecard for the period of the given kind that ends on the given date.</summary>
    public delegate Task<ScorecardReport> ScorecardSource(string council, NodaTime.LocalDate periodEnd, Domain.Scorecards.PeriodKind kind, CancellationToken cancellationToken);

    public const string DeliverDigest = "DeliverDigest", DeliverEscalation = "DeliverEscalation", NotifyHealthTeam = "NotifyHealthTeam", DeliverScorecard = "DeliverScorecard",
        DeliverReport = "DeliverReport";

    /// <summary>
    /// The queue or topic each function reads (its function.json trigger), where its retry copies are scheduled. The
    /// escalations topic has one subscription, `delivery`: a copy sent to the topic reaches only DeliverEscalation.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Entities = new Dictionary<string, string>
    {
        [DeliverDigest] = "digests", [DeliverEscalation] = "escalations", [NotifyHealthTeam] = "iha-requests", [DeliverScorecard] = "scorecards", [DeliverReport] = "reports",
    };

    /// <summary>The rules and calendar the weekly IHA request report is worked out with (the sweep's).</summary>
    public required CpAlerts.Application.Configuration.SweepSettings Rules { get; init; }

    public Task<InvocationResponse> DeliverDigestAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var m = request.Message<DigestMessage>("message");
        RequireItems(m.Items.Count);
        return RunAsync(request, DeliverDigest, new(m.Council, m.MessageId, EmailKind.Digest, m.Recipient, EmailAudience.SocialWorker, (name, ct) => content.DigestAsync(m, name, ct)) { Items = Missed(m.Items) }, cancellationToken);
    }

    public Task<InvocationResponse> DeliverEscalationAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var m = request.Message<EscalationMessage>("message");
        RequireItems(m.Items.Count);
        var audience = m.Items.Select(i => EmailAudiences.Of(i.Audience)).Distinct().Order().First();
        // The baseline's email and its attachment show the same items: read the records once for both.
        // The result is kept, not the task: a read that failed is read again on the retry.
        IReadOnlyList<EmailContent.ItemFacts>? items = null;
        async Task<IReadOnlyList<EmailContent.ItemFacts>> ItemsAsync(CancellationToken ct) => items ??= await content.ReadItemsAsync(m, ct);
        return m.Purpose switch
        {
            AlertPurpose.SameDay => RunAsync(request, DeliverEscalation, new(m.Council, m.MessageId, EmailKind.SameDay, m.Recipient, EmailAudience.SocialWorker, (name, ct) => content.SameDayAsync(m, name, ct)) { Items = Missed(m.Items) }, cancellationToken),
            // The first sweep's summary: the whole list attached as a spreadsheet (references only).
            AlertPurpose.Baseline => RunAsync(request, DeliverEscalation, new(m.Council, m.MessageId, EmailKind.Baseline, m.Recipient, audience, async (name, ct) => content.Baseline(m, await ItemsAsync(ct), name))
            {
                Attachments = async ct => [AsCsv(EmailContent.BaselineList(m, await ItemsAsync(ct)))],
                Items = Missed(m.Items),
            }, cancellationToken),
            _ => RunAsync(request, DeliverEscalation, new(m.Council, m.MessageId, EmailKind.Escalation, m.Recipient, audience, (name, ct) => content.EscalationAsync(m, name, ct)) { Items = Missed(m.Items) }, cancellationToken),
        };
    }

    public Task<InvocationResponse> NotifyHealthTeamAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var m = request.Message<IhaRequestMessage>("message");
        return RunAsync(request, NotifyHealthTeam, new(m.Council, m.MessageId, EmailKind.IhaRequest, m.Recipient, EmailAudience.HealthTeam, (name, ct) => content.IhaRequestAsync(m, name, ct))
        {
            Items = [new MissedItem(m.ChildId, "Initial health assessment request", $"entered care {PeopleDates.Format(m.EnteredCare)}, IHA due by {PeopleDates.Format(m.IhaDueDate)}")],
        }, cancellationToken);
    }

    /// <summary>The weekly IHA request report to one reader: the list in the email, and as a spreadsheet of references.</summary>
    public Task<InvocationResponse> DeliverReportAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var m = request.Message<IhaReportMessage>("message"); // its date checked as it is read (Messages/IsoDateConverter)

        EmailContent.IhaReportData? data = null;
        async Task<EmailContent.IhaReportData> DataAsync(CancellationToken ct) => data ??= await content.IhaReportDataAsync(m, Rules.Policy, Rules.Calendar, ct);
        return RunAsync(request, DeliverReport, new(m.Council, m.MessageId, EmailKind.IhaReport, m.Recipient, EmailAudiences.Of(m.Audience),
            async (name, ct) => EmailContent.IhaReport(m, await DataAsync(ct), name))
        {
            Attachments = async ct => [AsCsv(EmailContent.IhaReportList(m, await DataAsync(ct)))],
            // If it bounces, the notice says which report went missing, in words (the administrator's `report iha --as-of` prints it again).
            Items = [new MissedItem(m.TeamOf is null ? "every child in the IHA window" : "the team's children in the IHA window", "Weekly IHA request report",
                $"as of {PeopleDates.Format(m.AsOf)}; your CpAlerts administrator can print it again")],
        }, cancellationToken);
    }

    /// <summary>The monthly scorecard to the council's scorecard mailbox: headline figures in the email, the full page attached.</summary>
    public Task<InvocationResponse> DeliverScorecardAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var m = request.Message<ScorecardMessage>("message");
        if (Domain.Scorecards.ReportingPeriod.KindNamed(m.Period) is not { } kind)
        {
            throw new PoisonMessageException("period must be month, quarter or year");
        }

        ScorecardReport? report = null;
        async Task<ScorecardReport> ReportAsync(CancellationToken ct) => report ??= await scorecards(m.Council, m.PeriodEnd, kind, ct);
        return RunAsync(request, DeliverScorecard, new(m.Council, m.MessageId, EmailKind.Scorecard, MessageRecipient.ScorecardMailbox, EmailAudience.Scorecard, async (name, ct) => EmailContent.Scorecard(await ReportAsync(ct), name))
        {
            Attachments = async ct => [new EmailAttachment($"scorecard-{m.Council}-{NodaTime.Text.LocalDatePattern.Iso.Format(m.PeriodEnd)}.html", "text/html; charset=utf-8",
                System.Text.Encoding.UTF8.GetBytes(CpAlerts.Adapters.Scorecards.ScorecardPage.Render(await ReportAsync(ct))))],
            Items = [new MissedItem("the council", "Corporate Parenting scorecard",
                $"the {m.Period} to {PeopleDates.Format(m.PeriodEnd)}; your CpAlerts administrator can make it again")],
        }, cancellationToken);
    }

    private async Task<InvocationResponse> RunAsync(InvocationRequest request, string function, DeliveryEnvelope envelope, CancellationToken cancellationToken)
    {
        var attempt = request.Attempt;
        var final = attempt >= schedule.Attempts;
        var result = await pipeline.DeliverAsync(envelope with { FinalAttempt = final }, cancellationToken);
        var log = $"{envelope.Kind.Name()} {envelope.MessageId}: {result.GetType().Name.ToLowerInvariant()}: {result.Description}";
        if (result is DeliveryResult.Failed)
        {
            HandlerLog.DeliveryFailed(logger, envelope.Kind.Name(), envelope.MessageId, result.Description);
        }

        if (result is not (DeliveryResult.Retry or DeliveryResult.Misconfigured))
        {
            return InvocationResponse.Empty(log);
        }

        // Out of attempts, the email is recorded undeliverable and its fallback notice is what is retried (as many times
        // again, at the longest wait). A refused key is never "undeliverable". Past that, fail the invocation: Service
        // Bus redelivers it, then parks it in the dead-letter queue for an operator (`deadletters resubmit`).
        if ((final && result is DeliveryResult.Misconfigured) || attempt >= 2 * schedule.Attempts)
        {
            throw result is DeliveryResult.Misconfigured ? new MisconfiguredException($"{log} (attempt {attempt}, the last)") : new RetryLaterException($"{log} (attempt {attempt}, the last)");
        }

        var retryAt = request.UtcNow(clock) + NodaTime.Duration.FromTimeSpan(schedule.DelayAfter(attempt));
        try
        {
            await retries.ScheduleAsync(new ScheduledRetry(Entities[function], request.MessageBody("message"), $"{envelope.MessageId}-attempt-{attempt + 1}", attempt + 1, retryAt), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not scheduled: fail the invocation, so Service Bus keeps the message (docs/host-contract.md: non-2xx abandons it).
            var why = $"{log}; and attempt {attempt + 1} could not be scheduled ({(e is RetrySchedulingException known ? known.Message : e.GetType().Name)})";
            throw result is DeliveryResult.Misconfigured ? new MisconfiguredException(why) : new RetryLaterException(why);
        }

        var scheduled = $"{log}; attempt {attempt + 1} of {schedule.Attempts} scheduled for {NodaTime.Text.InstantPattern.General.Format(retryAt)}";
        if (result is DeliveryResult.Misconfigured)
        {
            HandlerLog.Misconfigured(logger, function, request.DeliveryCount, scheduled); // "configuration error": the operators' alert
        }
        else
        {
            HandlerLog.RetryScheduled(logger, envelope.Kind.Name(), envelope.MessageId, result.Description, attempt + 1, schedule.DelayAfter(attempt).TotalMinutes);
        }

        return InvocationResponse.Empty(scheduled);
    }

    private static IReadOnlyList<MissedItem> Missed(IEnumerable<AlertItem> items) => [.. items.Select(MissedItem.From)];

    private static EmailAttachment AsCsv(TableAttachment table) => new(table.FileName, "text/csv; charset=utf-8", CpAlerts.Adapters.Csv.CsvOutput.Write(table));

    private static void RequireItems(int count)
    {
        if (count == 0)
        {
            throw new PoisonMessageException("a message with no items");
        }
    }
}

/// <summary>A transient failure: the invocation fails so Service Bus redelivers the message later.</summary>
public sealed class RetryLaterException(string reason) : Exception(reason);

/// <summary>Our configuration is wrong (e.g. the mail service refused the key): the invocation fails, logged as an error, and is retried.</summary>
public sealed class MisconfiguredException(string reason) : Exception(reason);
