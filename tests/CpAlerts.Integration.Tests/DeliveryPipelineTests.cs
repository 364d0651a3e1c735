using System.Collections.Immutable;
using CpAlerts.Adapters.Email;
using CpAlerts.Adapters.Storage;
using CpAlerts.Application.Configuration;
using CpAlerts.Application.Delivery;
using CpAlerts.Application.Import;
using CpAlerts.Application.Messages;
using CpAlerts.Application.Ports;
using CpAlerts.Domain.Records;
using NodaTime;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace CpAlerts.Integration.Tests;

public class DeliveryPipelineTests
{
    private const string Fallback = "fallback@council.example";

    private static async Task<(DeliveryPipeline Pipeline, EmailContent Content, DeliveryLog Log, string Council)> SetUpAsync(FakeSendGrid sendGrid, string? templatesFolder = null)
    {
        var storage = await Azurite.StorageAsync();
        var caseload = new CaseloadStore(storage);
        var council = Azurite.NewCouncil();
        var child = new Child("C1", "Testy", "Example", new LocalDate(2015, 1, 1), LegalStatus.CareOrder, false, "North", ConsentStatus.Given, new LocalDate(2026, 11, 2), null, "SW1");
        StaffMember[] staff = [new("SW1", "Worker", "sw1@council.example", StaffRole.SocialWorker, "TM1", "A"), new("TM1", "Manager", "tm1@council.example", StaffRole.TeamManager, null, "A")];
        await caseload.ImportAsync(council, new RecordExport([child], [.. staff], [], [], [], [], []), deleteMissing: true);

        var settings = new DeliverySettings("cpalerts@council.example", "CpAlerts", "", ImmutableHashSet<Domain.Escalation.Audience>.Empty, Fallback, EmailTemplates.DefaultFolder);
        var log = new DeliveryLog(storage, Duration.FromMinutes(5));
        var sender = SendGridEmailSender.Create("SG.test-key", settings.FromAddress, settings.FromName, sendGrid.Url, TimeSpan.FromSeconds(10));
        var content = new EmailContent(caseload, settings);
        return (DeliveryPipeline.Standard(caseload, log, new EmailTemplates(templatesFolder ?? settings.TemplatesFolder), sender, settings, SystemClock.Instance), content, log, council);
    }

    private static DeliveryEnvelope Escalation(EmailContent content, string council, string staffId = "TM1", StandIn? standIn = null)
    {
        var message = new EscalationMessage(1, MessageSchema.IdFor(council, Guid.NewGuid().ToString()), council, new LocalDate(2026, 11, 23), MessageRecipient.Staff(staffId),
            [new AlertItem("IHA_REQUEST|C1|2026-11-09", Domain.Rules.RuleId.IhaRequest, "C1", "C1", new LocalDate(2026, 11, 9), null, 14, Domain.Escalation.EscalationLevel.Escalated, Domain.Escalation.Audience.TeamManager, standIn)]);
        return new(council, message.MessageId, EmailKind.Escalation, message.Recipient, EmailAudience.TeamManager, (name, ct) => content.EscalationAsync(message, name, ct));
    }

    [Fact]
    public async Task The_same_message_delivered_twice_at_once_is_sent_once()
    {
        using var sendGrid = new FakeSendGrid();
        var (pipeline, content, _, council) = await SetUpAsync(sendGrid);
        var envelope = Escalation(content, council);

        var results = await Task.WhenAll(pipeline.DeliverAsync(envelope, default), pipeline.DeliverAsync(envelope, default), pipeline.DeliverAsync(envelope, default));

        Assert.Single(sendGrid.Accepted);
        Assert.Single(results, r => r is DeliveryResult.Delivered);
        Assert.IsType<DeliveryResult.Duplicate>(await pipeline.DeliverAsync(envelope, default)); // a later redelivery
    }

    [Fact]
    public async Task A_permanent_failure_is_recorded_completed_and_reported_to_the_fallback_mailbox()
    {
        using var sendGrid = new FakeSendGrid();
        sendGrid.Server.Given(Request.Create().WithPath("/v3/mail/send").WithBody(new WireMock.Matchers.WildcardMatcher("*\"email\":\"tm1@council.example\"*") /* the recipient, not the notice that names the address */).UsingPost())
            .AtPriority(1).RespondWith(Response.Create().WithStatusCode(400));
        var (pipeline, content, log, council) = await SetUpAsync(sendGrid);
        var envelope = Escalation(content, council);

        var result = await pipeline.DeliverAsync(envelope, default);

        Assert.IsType<DeliveryResult.Failed>(result);
        Assert.Equal(DeliveryStatus.Failed, await log.StatusAsync(council, envelope.MessageId));
        var notice = Assert.Single(sendGrid.Accepted);
        Assert.Equal(Fallback, (string?)notice["personalizations"]![0]!["to"]![0]!["email"]);
        Assert.DoesNotContain("Testy", notice.ToJsonString(), StringComparison.Ordinal); // ids and reason only
        Assert.IsType<DeliveryResult.Duplicate>(await pipeline.DeliverAsync(envelope, default)); // no retry storm
    }

    [Fact]
    public async Task A_transient_failure_asks_for_a_retry_and_the_retry_sends()
    {
        using var sendGrid = new FakeSendGrid();
        sendGrid.Server.Given(Request.Create().WithPath("/v3/mail/send")).AtPriority(1).InScenario("flaky").WillSetStateTo("recovered")
            .RespondWith(Response.Create().WithStatusCode(503));
        var (pipeline, content, log, council) = await SetUpAsync(sendGrid);
        var envelope = Escalation(content, council);

        Assert.IsType<DeliveryResult.Retry>(await pipeline.DeliverAsync(envelope, default));
        Assert.Equal(DeliveryStatus.Retry, await log.StatusAsync(council, envelope.MessageId));
        Assert.IsType<DeliveryResult.Delivered>(await pipeline.DeliverAsync(envelope, default));
        Assert.Single(sendGrid.Accepted);
    }

    [Fact]
    public async Task A_manager_standing_in_is_told_for_whom_and_why()
    {
        using var sendGrid = new FakeSendGrid();
        var (pipeline, content, _, council) = await SetUpAsync(sendGrid);

        await pipeline.DeliverAsync(Escalation(content, council, standIn: new StandIn(Domain.Escalation.Audience.SocialWorker, "no social worker allocated")), default);

        var text = (string)Assert.Single(sendGrid.Accepted)["content"]![0]!["value"]!;
        Assert.Contains("told instead of the social worker (no social worker allocated)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recipient_who_left_goes_to_the_fallback_mailbox()
    {
        using var sendGrid = new FakeSendGrid();
        var (pipeline, content, _, council) = await SetUpAsync(sendGrid);

        await pipeline.DeliverAsync(Escalation(content, council, staffId: "TM-LEFT"), default);

        Assert.Equal(Fallback, (string?)Assert.Single(sendGrid.Accepted)["personalizations"]![0]!["to"]![0]!["email"]);
    }

    [Fact]
    public async Task A_failure_notice_that_cannot_be_sent_yet_is_retried_not_lost()
    {
        using var sendGrid = new FakeSendGrid();
        sendGrid.Server.Given(Request.Create().WithPath("/v3/mail/send").WithBody(new WireMock.Matchers.WildcardMatcher("*\"email\":\"tm1@council.example\"*") /* the recipient, not the notice that names the address */).UsingPost())
            .AtPriority(1).RespondWith(Response.Create().WithStatusCode(400));
        sendGrid.Server.Given(Request.Create().WithPath("/v3/mail/send").WithBody(new WireMock.Matchers.WildcardMatcher("*" + Fallback + "*")).UsingPost())
            .AtPriority(2).InScenario("fallback down").WillSetStateTo("fallback up").RespondWith(Response.Create().WithStatusCode(503));
        var (pipeline, content, log, council) = await SetUpAsync(sendGrid);
        var envelope = Escalation(content, council);

        Assert.IsType<DeliveryResult.Retry>(await pipeline.DeliverAsync(envelope, default)); // the notice failed: Service Bus must try again
        Assert.Equal(DeliveryStatus.Failed, await log.StatusAsync(council, envelope.MessageId));

        Assert.IsType<DeliveryResult.Duplicate>(await pipeline.DeliverAsync(envelope, default)); // the redelivery sends the notice
        var notice = Assert.Single(sendGrid.Accepted);
        Assert.Equal(Fallback, (string?)notice["personalizations"]![0]!["to"]![0]!["email"]);
        Assert.IsType<DeliveryResult.Duplicate>(await pipeline.DeliverAsync(envelope, default));
        Assert.Single(sendGrid.Accepted); // and only once
    }

    [Fact]
    public async Task An_error_after_the_claim_releases_it_so_the_retry_sends()
    {
        using var sendGrid = new FakeSendGrid();
        var missing = Path.Combine(Path.GetTempPath(), "cpalerts-no-templates-" + Guid.NewGuid().ToString("N")[..8]);
        var (broken, content, log, council) = await SetUpAsync(sendGrid, templatesFolder: missing);
        var envelope = Escalation(content, council);

        await Assert.ThrowsAnyAsync<IOException>(() => broken.DeliverAsync(envelope, default));
        Assert.Equal(DeliveryStatus.Retry, await log.StatusAsync(council, envelope.MessageId)); // not left "sending" for the lease

        var (fixedPipeline, _, _, _) = await SetUpAsync(sendGrid);
        Assert.IsType<DeliveryResult.Delivered>(await fixedPipeline.DeliverAsync(envelope, default));
        Assert.Single(sendGrid.Accepted);
    }
}
