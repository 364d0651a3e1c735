using CpAlerts.Functions.Configuration;
using CpAlerts.Functions.Delivery;
using CpAlerts.Functions.Messages;
using CpAlerts.Functions.Ports;
using CpAlerts.Functions.Reporting;
using Microsoft.Extensions.Logging;

namespace CpAlerts.Functions.Handler;

/// <summary>The Service Bus-triggered senders: one message in, one email out (or none, for a duplicate).</summary>
public sealed class DeliveryFunctions(DeliveryPipeline pipeline, EmailContent content, DeliveryFunctions.ScorecardSource scorecards, TransientRetry retry, ILogger logger)
{
    /// <summary>Builds a council's scorecard for the period of the given kind that ends on the given date.</summary>
    public delegate Task<ScorecardReport> ScorecardSource(string council, NodaTime.LocalDate periodEnd, Domain.Scorecards.PeriodKind kind, CancellationToken cancellationToken);

    public const string DeliverDigest = "DeliverDigest", DeliverEscalation = "DeliverEscalation", NotifyHealthTeam = "NotifyHealthTeam", DeliverScorecard = "DeliverScorecard",
        DeliverReport = "DeliverReport";

    /// <summary>The rules and calendar the weekly IHA request report is worked out with (the sweep's).</summary>
    public required Configuration.SweepSettings Rules { get; init; }

    public Task<InvocationResponse> DeliverDigestAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var m = request.Message<DigestMessage>("message");
        RequireItems(m.Items.Count);
        return RunAsync(new(m.Council, m.MessageId, EmailKind.Digest, m.Recipient, "SocialWorker", (name, ct) => content.DigestAsync(m, name, ct)) { Items = Missed(m.Items) }, cancellationToken);
    }

    public Task<InvocationResponse> DeliverEscalationAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var m = request.Message<EscalationMessage>("message");
        RequireItems(m.Items.Count);
        var audience = m.Items.Select(i => i.Audience.ToString()).Distinct().Order(StringComparer.Ordinal).First();
        // The baseline's email and its attachment show the same items: read the records once for both.
        // The result is kept, not the task: a read that failed is read again on the retry.
        IReadOnlyList<EmailContent.ItemFacts>? items = null;
        async Task<IReadOnlyList<EmailContent.ItemFacts>> ItemsAsync(CancellationToken ct) => items ??= await content.ReadItemsAsync(m, ct);
        return m.Purpose switch
        {
            AlertPurpose.SameDay => RunAsync(new(m.Council, m.MessageId, EmailKind.SameDay, m.Recipient, "SocialWorker", (name, ct) => content.SameDayAsync(m, name, ct)) { Items = Missed(m.Items) }, cancellationToken),
            // The first sweep's summary: the whole list attached as a spreadsheet (references only).
            AlertPurpose.Baseline => RunAsync(new(m.Council, m.MessageId, EmailKind.Baseline, m.Recipient, audience, async (name, ct) => content.Baseline(m, await ItemsAsync(ct), name))
            {
                Attachments = async ct => [AsCsv(EmailContent.BaselineList(m, await ItemsAsync(ct)))],
                Items = Missed(m.Items),
            }, cancellationToken),
            _ => RunAsync(new(m.Council, m.MessageId, EmailKind.Escalation, m.Recipient, audience, (name, ct) => content.EscalationAsync(m, name, ct)) { Items = Missed(m.Items) }, cancellationToken),
        };
    }

    public Task<InvocationResponse> NotifyHealthTeamAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var m = request.Message<IhaRequestMessage>("message");
        return RunAsync(new(m.Council, m.MessageId, EmailKind.IhaRequest, m.Recipient, "HealthTeam", (name, ct) => content.IhaRequestAsync(m, name, ct))
        {
            Items = [new MissedItem(m.ChildId, "Initial health assessment request", $"entered care {m.EnteredCare}, IHA due by {m.IhaDueDate}")],
        }, cancellationToken);
    }

    /// <summary>The weekly IHA request report to one reader: the list in the email, and as a spreadsheet of references.</summary>
    public Task<InvocationResponse> DeliverReportAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var m = request.Message<IhaReportMessage>("message");
        if (NodaTime.Text.LocalDatePattern.Iso.Parse(m.AsOf) is not { Success: true })
        {
            throw new PoisonMessageException("asOf must be a date");
        }

        EmailContent.IhaReportData? data = null;
        async Task<EmailContent.IhaReportData> DataAsync(CancellationToken ct) => data ??= await content.IhaReportDataAsync(m, Rules.Policy, Rules.Calendar, ct);
        return RunAsync(new(m.Council, m.MessageId, EmailKind.IhaReport, m.Recipient, m.Audience.ToString(),
            async (name, ct) => EmailContent.IhaReport(m, await DataAsync(ct), name))
        {
            Attachments = async ct => [AsCsv(EmailContent.IhaReportList(m, await DataAsync(ct)))],
            // If it bounces, the notice says which report went missing; `report iha --as-of` prints it again.
            Items = [new MissedItem(m.TeamOf is null ? "every child in the IHA window" : $"team of {m.TeamOf}", "Weekly IHA request report", $"as of {m.AsOf}; `report iha --as-of {m.AsOf}` prints it")],
        }, cancellationToken);
    }

    /// <summary>The monthly scorecard to the council's scorecard mailbox: headline figures in the email, the full page attached.</summary>
    public Task<InvocationResponse> DeliverScorecardAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var m = request.Message<ScorecardMessage>("message");
        if (NodaTime.Text.LocalDatePattern.Iso.Parse(m.PeriodEnd) is not { Success: true } periodEnd || Domain.Scorecards.ReportingPeriod.KindNamed(m.Period) is not { } kind)
        {
            throw new PoisonMessageException("periodEnd must be a date and period month, quarter or year");
        }

        ScorecardReport? report = null;
        async Task<ScorecardReport> ReportAsync(CancellationToken ct) => report ??= await scorecards(m.Council, periodEnd.Value, kind, ct);
        return RunAsync(new(m.Council, m.MessageId, EmailKind.Scorecard, MessageRecipient.ScorecardMailbox, "Scorecard", async (name, ct) => EmailContent.Scorecard(await ReportAsync(ct), name))
        {
            Attachments = async ct => [new EmailAttachment($"scorecard-{m.Council}-{m.PeriodEnd}.html", "text/html; charset=utf-8",
                System.Text.Encoding.UTF8.GetBytes(Scorecards.ScorecardPage.Render(await ReportAsync(ct))))],
            Items = [new MissedItem("the council", "Corporate Parenting scorecard", $"{m.Period} to {m.PeriodEnd}; `scorecard --period {m.Period}` makes it again")],
        }, cancellationToken);
    }

    private async Task<InvocationResponse> RunAsync(DeliveryEnvelope envelope, CancellationToken cancellationToken)
    {
        var result = await retry.RunAsync(ct => pipeline.DeliverAsync(envelope, ct),
            (failed, wait) => HandlerLog.RetryingDelivery(logger, envelope.Kind.Name(), envelope.MessageId, failed.Description, wait.TotalSeconds), cancellationToken);
        var log = $"{envelope.Kind.Name()} {envelope.MessageId}: {result.GetType().Name.ToLowerInvariant()}: {result.Description}";
        if (result is DeliveryResult.Failed)
        {
            HandlerLog.DeliveryFailed(logger, envelope.Kind.Name(), envelope.MessageId, result.Description);
        }

        return result switch
        {
            DeliveryResult.Retry => throw new RetryLaterException(log),
            DeliveryResult.Misconfigured => throw new MisconfiguredException(log),
            _ => InvocationResponse.Empty(log),
        };
    }

    private static IReadOnlyList<MissedItem> Missed(IEnumerable<AlertItem> items) => [.. items.Select(MissedItem.From)];

    private static EmailAttachment AsCsv(TableAttachment table) => new(table.FileName, "text/csv; charset=utf-8", Csv.CsvOutput.Write(table));

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
