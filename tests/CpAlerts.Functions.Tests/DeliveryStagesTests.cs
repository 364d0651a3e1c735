using System.Collections.Immutable;
using CpAlerts.Application.Configuration;
using CpAlerts.Application.Delivery;
using CpAlerts.Application.Messages;
using CpAlerts.Application.Ports;
using Moq;
using NodaTime;

namespace CpAlerts.Functions.Tests;

/// <summary>
/// The delivery stages' decisions, each alone, with doubles of our own ports (Moq) standing in for the
/// delivery log, the renderer and the mail service. The real adapters are tested against Azurite and a
/// SendGrid-shaped server in the integration tests.
/// </summary>
public class DeliveryStagesTests
{
    private static readonly IClock Clock = Mock.Of<IClock>(c => c.GetCurrentInstant() == Instant.FromUtc(2026, 11, 23, 6, 0));

    private static DeliveryEnvelope Envelope() =>
        new("DEMO", "m1", EmailKind.Escalation, MessageRecipient.Staff("TM1"), EmailAudience.TeamManager, (_, _) => Task.FromResult(new Dictionary<string, object?>()));

    private static DeliveryClaim Claim(DeliveryClaim.Decision decision, string? detail = null) => new(decision, "DEMO", "m1", 1) { Detail = detail };

    private static (DeliveryPipeline Pipeline, Mock<IDeliveryLog> Log, Mock<IEmailSender> Sender, Mock<IEmailRenderer> Renderer) Pipeline(DeliveryClaim.Decision decision, IDeliveryMeter? meter = null)
    {
        var caseload = new Mock<ICaseloadReader>();
        caseload.Setup(c => c.ReadStaffMemberAsync("DEMO", "TM1", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Domain.Records.StaffMember("TM1", "Manager", "tm1@council.example", Domain.Records.StaffRole.TeamManager, null, "A"));
        caseload.Setup(c => c.ReadStaffMemberAsync("DEMO", "SW1", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Domain.Records.StaffMember("SW1", "Sam Worker", "sam@council.example", Domain.Records.StaffRole.SocialWorker, "TM1", "A"));
        var log = new Mock<IDeliveryLog>();
        log.Setup(l => l.BeginAsync("DEMO", It.IsAny<string>(), It.IsAny<string>(), It.IsAny<Instant>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string council, string id, string _, Instant _, CancellationToken _) => id == "m1" ? Claim(decision, "SendGrid refused the email (400)") : Claim(DeliveryClaim.Decision.Send));
        var renderer = new Mock<IEmailRenderer>();
        renderer.Setup(r => r.Render(It.IsAny<string>(), It.IsAny<IReadOnlyDictionary<string, object?>>())).Returns(("subject", "text", "<p>html</p>"));
        var sender = new Mock<IEmailSender>();
        var settings = new DeliverySettings("cpalerts@council.example", "CpAlerts", "", [], "fallback@council.example", DeliverySettings.DefaultTemplatesFolder);
        return (DeliveryPipeline.Standard(caseload.Object, log.Object, renderer.Object, sender.Object, settings, Clock, meter), log, sender, renderer);
    }

    /// <summary>
    /// The standard pipeline over doubles of the ports that write down every call made to them, in the order made:
    /// which port, and for which staff member, message id or kind of email.
    /// </summary>
    private static (DeliveryPipeline Pipeline, List<string> Calls) Observed(DeliveryClaim.Decision decision, SendOutcome outcome)
    {
        var calls = new List<string>();
        var caseload = new Mock<ICaseloadReader>();
        caseload.Setup(c => c.ReadStaffMemberAsync("DEMO", "TM1", It.IsAny<CancellationToken>()))
            .Callback((string _, string staffId, CancellationToken _) => calls.Add($"read staff {staffId}"))
            .ReturnsAsync(new Domain.Records.StaffMember("TM1", "Manager", "tm1@council.example", Domain.Records.StaffRole.TeamManager, null, "A"));
        var log = new Mock<IDeliveryLog>();
        log.Setup(l => l.BeginAsync("DEMO", It.IsAny<string>(), It.IsAny<string>(), It.IsAny<Instant>(), It.IsAny<CancellationToken>()))
            .Callback((string _, string id, string _, Instant _, CancellationToken _) => calls.Add($"claim {id}"))
            .ReturnsAsync((string council, string id, string _, Instant _, CancellationToken _) => new DeliveryClaim(id == "m1" ? decision : DeliveryClaim.Decision.Send, council, id, 1));
        log.Setup(l => l.RecordAsync(It.IsAny<DeliveryClaim>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<Instant>(), It.IsAny<CancellationToken>()))
            .Callback((DeliveryClaim claim, string status, string _, Instant _, CancellationToken _) => calls.Add($"record {claim.RowKey} {status}"))
            .Returns(Task.CompletedTask);
        var renderer = new Mock<IEmailRenderer>();
        renderer.Setup(r => r.Render(It.IsAny<string>(), It.IsAny<IReadOnlyDictionary<string, object?>>()))
            .Callback((string kind, IReadOnlyDictionary<string, object?> _) => calls.Add($"render {kind}"))
            .Returns(("subject", "text", "<p>html</p>"));
        var sender = new Mock<IEmailSender>();
        sender.Setup(s => s.SendAsync(It.IsAny<OutgoingEmail>(), It.IsAny<CancellationToken>()))
            .Callback((OutgoingEmail email, CancellationToken _) => calls.Add($"send {email.MessageId} to {email.ToAddress}"))
            .ReturnsAsync((OutgoingEmail email, CancellationToken _) => email.MessageId == "m1" ? outcome : new SendOutcome.Sent("202"));
        var settings = new DeliverySettings("cpalerts@council.example", "CpAlerts", "", [], "fallback@council.example", DeliverySettings.DefaultTemplatesFolder);
        return (DeliveryPipeline.Standard(caseload.Object, log.Object, renderer.Object, sender.Object, settings, Clock), calls);
    }

    [Theory]
    [InlineData("sent", DeliveryStatus.Sent)]
    [InlineData("transient", DeliveryStatus.Retry)]  // the mail service refused it for now: retried, never recorded as sent
    [InlineData("permanent", DeliveryStatus.Failed)] // the address was refused: failed (then reported), never recorded as sent
    public async Task The_standard_pipeline_claims_the_message_before_it_renders_and_records_the_outcome_after_the_send(string outcome, string recorded)
    {
        // The composition in DeliveryPipeline.Standard, seen through our ports: the recipient's current address, the
        // claim on the message id (so two deliveries send once), the email made for that address, the send, and only
        // then its outcome recorded. A stage dropped or moved changes what the ports see.
        var (pipeline, calls) = Observed(DeliveryClaim.Decision.Send, outcome switch
        {
            "sent" => new SendOutcome.Sent("202"),
            "transient" => new SendOutcome.Transient("503"),
            _ => (SendOutcome)new SendOutcome.Permanent("400"),
        });

        await pipeline.DeliverAsync(Envelope(), default);

        Assert.Equal(["read staff TM1", "claim m1", "render escalation", "send m1 to tm1@council.example", $"record m1 {recorded}"], calls.Take(5));
        Assert.Single(calls, c => c.StartsWith("record m1 ", StringComparison.Ordinal));
        Assert.Equal(outcome == "permanent", calls.Skip(5).Any()); // only a refused address goes on: the fallback mailbox's notice
    }

    [Fact]
    public async Task A_message_already_recorded_as_sent_is_neither_rendered_nor_sent_nor_recorded_again()
    {
        var (pipeline, calls) = Observed(DeliveryClaim.Decision.AlreadySent, new SendOutcome.Sent("202"));

        Assert.IsType<DeliveryResult.Duplicate>(await pipeline.DeliverAsync(Envelope(), default));
        Assert.Equal(["read staff TM1", "claim m1"], calls);
    }

    [Theory]
    [InlineData(DeliveryClaim.Decision.AlreadySent, typeof(DeliveryResult.Duplicate))]
    [InlineData(DeliveryClaim.Decision.InProgressElsewhere, typeof(DeliveryResult.Retry))]
    public async Task A_message_seen_before_is_not_sent_again(DeliveryClaim.Decision decision, Type expected)
    {
        var (pipeline, _, sender, _) = Pipeline(decision);

        Assert.IsType(expected, await pipeline.DeliverAsync(Envelope(), default));
        sender.Verify(s => s.SendAsync(It.IsAny<OutgoingEmail>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_message_that_failed_before_makes_sure_its_fallback_notice_went()
    {
        var (pipeline, _, sender, _) = Pipeline(DeliveryClaim.Decision.AlreadyFailed);
        sender.Setup(s => s.SendAsync(It.IsAny<OutgoingEmail>(), It.IsAny<CancellationToken>())).ReturnsAsync(new SendOutcome.Sent("202"));

        Assert.IsType<DeliveryResult.Duplicate>(await pipeline.DeliverAsync(Envelope(), default));
        sender.Verify(s => s.SendAsync(It.Is<OutgoingEmail>(e => e.ToAddress == "fallback@council.example" && e.Kind == EmailKind.Undeliverable.Name()), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Theory]
    [InlineData("sent", typeof(DeliveryResult.Delivered), DeliveryStatus.Sent)]
    [InlineData("transient", typeof(DeliveryResult.Retry), DeliveryStatus.Retry)]
    [InlineData("misconfigured", typeof(DeliveryResult.Misconfigured), DeliveryStatus.Retry)]
    [InlineData("permanent", typeof(DeliveryResult.Failed), DeliveryStatus.Failed)]
    public async Task The_outcome_is_recorded_and_decides_the_answer(string outcome, Type expected, string status)
    {
        var (pipeline, log, sender, _) = Pipeline(DeliveryClaim.Decision.Send);
        sender.Setup(s => s.SendAsync(It.Is<OutgoingEmail>(e => e.MessageId == "m1"), It.IsAny<CancellationToken>())).ReturnsAsync(outcome switch
        {
            "sent" => new SendOutcome.Sent("202"),
            "transient" => new SendOutcome.Transient("503"),
            "misconfigured" => new SendOutcome.Misconfigured("401"),
            _ => (SendOutcome)new SendOutcome.Permanent("400"),
        });
        sender.Setup(s => s.SendAsync(It.Is<OutgoingEmail>(e => e.MessageId != "m1"), It.IsAny<CancellationToken>())).ReturnsAsync(new SendOutcome.Sent("202"));

        Assert.IsType(expected, await pipeline.DeliverAsync(Envelope(), default));
        log.Verify(l => l.RecordAsync(It.Is<DeliveryClaim>(c => c.RowKey == "m1"), status, It.IsAny<string>(), It.IsAny<Instant>(), It.IsAny<CancellationToken>()), Times.Once);
        sender.Verify(s => s.SendAsync(It.Is<OutgoingEmail>(e => e.Kind == EmailKind.Undeliverable.Name()), It.IsAny<CancellationToken>()), outcome == "permanent" ? Times.Once() : Times.Never());
    }

    [Fact]
    public async Task A_permanent_failure_whose_notice_cannot_go_yet_is_retried()
    {
        var (pipeline, _, sender, _) = Pipeline(DeliveryClaim.Decision.Send);
        sender.Setup(s => s.SendAsync(It.Is<OutgoingEmail>(e => e.MessageId == "m1"), It.IsAny<CancellationToken>())).ReturnsAsync(new SendOutcome.Permanent("400"));
        sender.Setup(s => s.SendAsync(It.Is<OutgoingEmail>(e => e.MessageId != "m1"), It.IsAny<CancellationToken>())).ReturnsAsync(new SendOutcome.Transient("503"));

        Assert.IsType<DeliveryResult.Retry>(await pipeline.DeliverAsync(Envelope(), default));
    }

    [Fact]
    public async Task A_refused_address_is_counted_failed_once_even_when_its_notice_has_to_be_retried()
    {
        // The operators' "delivery failed" alert counts this metric: the answer here is a retry, and the retry will
        // find the message already failed and answer "duplicate", so the failure must be counted when it is recorded.
        var meter = new Mock<IDeliveryMeter>();
        var (pipeline, _, sender, _) = Pipeline(DeliveryClaim.Decision.Send, meter.Object);
        sender.Setup(s => s.SendAsync(It.Is<OutgoingEmail>(e => e.MessageId == "m1"), It.IsAny<CancellationToken>())).ReturnsAsync(new SendOutcome.Permanent("400"));
        sender.Setup(s => s.SendAsync(It.Is<OutgoingEmail>(e => e.MessageId != "m1"), It.IsAny<CancellationToken>())).ReturnsAsync(new SendOutcome.Transient("503"));

        Assert.IsType<DeliveryResult.Retry>(await pipeline.DeliverAsync(Envelope(), default));
        meter.Verify(m => m.Counted(EmailKind.Escalation, DeliveryOutcome.Failed), Times.Once);
        meter.Verify(m => m.Counted(It.IsAny<EmailKind>(), DeliveryOutcome.Sent), Times.Never);
    }

    [Theory]
    [InlineData(DeliveryClaim.Decision.Send, DeliveryOutcome.Sent)]
    [InlineData(DeliveryClaim.Decision.AlreadySent, DeliveryOutcome.Duplicate)]
    public async Task Each_email_is_counted_once_by_its_outcome(DeliveryClaim.Decision decision, DeliveryOutcome counted)
    {
        var meter = new Mock<IDeliveryMeter>();
        var (pipeline, _, sender, _) = Pipeline(decision, meter.Object);
        sender.Setup(s => s.SendAsync(It.IsAny<OutgoingEmail>(), It.IsAny<CancellationToken>())).ReturnsAsync(new SendOutcome.Sent("202"));

        await pipeline.DeliverAsync(Envelope(), default);
        meter.Verify(m => m.Counted(EmailKind.Escalation, counted), Times.Once);
        meter.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_failure_before_the_send_releases_the_claim_and_one_during_the_send_does_not()
    {
        var (pipeline, log, sender, renderer) = Pipeline(DeliveryClaim.Decision.Send);
        renderer.Setup(r => r.Render(It.IsAny<string>(), It.IsAny<IReadOnlyDictionary<string, object?>>())).Throws(new FileNotFoundException("template missing"));

        await Assert.ThrowsAsync<FileNotFoundException>(() => pipeline.DeliverAsync(Envelope(), default));
        log.Verify(l => l.RecordAsync(It.IsAny<DeliveryClaim>(), DeliveryStatus.Retry, "failed before sending (FileNotFoundException)", It.IsAny<Instant>(), It.IsAny<CancellationToken>()), Times.Once);

        var (sending, sendLog, failingSender, _) = Pipeline(DeliveryClaim.Decision.Send);
        failingSender.Setup(s => s.SendAsync(It.IsAny<OutgoingEmail>(), It.IsAny<CancellationToken>())).ThrowsAsync(new OperationCanceledException());

        await Assert.ThrowsAsync<OperationCanceledException>(() => sending.DeliverAsync(Envelope(), default));
        sendLog.Verify(l => l.RecordAsync(It.IsAny<DeliveryClaim>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<Instant>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Theory]
    [InlineData("QYG", "cm.lac@nhs.example", "Cheshire and Merseyside LAC health")]   // the ICB's health team, greeted by name
    [InlineData("QOQ", "fallback@council.example", "CpAlerts fallback mailbox")]     // its mailbox was removed from settings since the sweep: never nobody
    public async Task An_icb_health_team_is_resolved_from_settings_at_delivery(string icb, string email, string name)
    {
        var settings = new DeliverySettings("cpalerts@council.example", "CpAlerts", "", [], "fallback@council.example", DeliverySettings.DefaultTemplatesFolder)
        {
            HealthTeams = new(new Dictionary<string, HealthTeamMailboxes.Mailbox> { ["QYG"] = new("cm.lac@nhs.example", "Cheshire and Merseyside LAC health") }.ToImmutableDictionary()),
        };
        var envelope = Envelope() with { Recipient = MessageRecipient.HealthTeam(icb) };

        var result = await new ResolveRecipient(Mock.Of<ICaseloadReader>(), settings).RunAsync(new CpAlerts.Application.Delivery.Delivery(envelope), default);

        Assert.Equal((email, name), Assert.IsType<StageResult.HandOn>(result).Delivery.Address);
    }

    [Theory]
    [InlineData("{\"staffId\":null,\"fallback\":false,\"healthTeamIcb\":\"QYG\"}", "healthteam:QYG")]
    [InlineData("{\"staffId\":\"S1\",\"fallback\":false,\"healthTeamIcb\":\"QYG\"}", null)] // two recipients in one: not a CpAlerts message
    [InlineData("{\"staffId\":null,\"fallback\":true,\"healthTeamIcb\":\"QYG\"}", null)]
    public void A_health_team_recipient_has_one_wire_shape(string json, string? key)
    {
        if (key is null)
        {
            Assert.Throws<System.Text.Json.JsonException>(() => System.Text.Json.JsonSerializer.Deserialize<MessageRecipient>(json));
            return;
        }

        var recipient = System.Text.Json.JsonSerializer.Deserialize<MessageRecipient>(json)!;
        Assert.Equal(key, recipient.Key);
        Assert.Equal(recipient, System.Text.Json.JsonSerializer.Deserialize<MessageRecipient>(System.Text.Json.JsonSerializer.Serialize(recipient)));
    }

    [Theory]
    // the email that could not be delivered, who is told instead (the fallback mailbox always, so the address is fixed)
    [InlineData(EmailKind.SameDay, "fallback@council.example,tm1@council.example")] // the worker's manager acts on today's items meanwhile
    [InlineData(EmailKind.Digest, "fallback@council.example")]                      // a bounced digest's week goes to the fallback mailbox
    public async Task An_undeliverable_email_is_re_routed_with_its_items_so_nothing_is_lost(EmailKind kind, string told)
    {
        var (pipeline, _, sender, renderer) = Pipeline(DeliveryClaim.Decision.Send);
        var models = new List<IReadOnlyDictionary<string, object?>>();
        renderer.Setup(r => r.Render("undeliverable", It.IsAny<IReadOnlyDictionary<string, object?>>()))
            .Callback((string _, IReadOnlyDictionary<string, object?> model) => models.Add(model)).Returns(("subject", "text", "<p>html</p>"));
        sender.Setup(s => s.SendAsync(It.Is<OutgoingEmail>(e => e.MessageId == "m1"), It.IsAny<CancellationToken>())).ReturnsAsync(new SendOutcome.Permanent("400 the address does not exist"));
        var notices = new List<string>();
        sender.Setup(s => s.SendAsync(It.Is<OutgoingEmail>(e => e.MessageId != "m1"), It.IsAny<CancellationToken>()))
            .Callback((OutgoingEmail e, CancellationToken _) => notices.Add(e.ToAddress)).ReturnsAsync(new SendOutcome.Sent("202"));
        var item = new AlertItem("RETURN_INTERVIEW|E1", Domain.Rules.RuleId.ReturnInterview, "C000042", "E1", new LocalDate(2026, 11, 22), null, 1, Domain.Escalation.EscalationLevel.Overdue, Domain.Escalation.Audience.SocialWorker, null);
        var envelope = Envelope() with { Kind = kind, Recipient = MessageRecipient.Staff("SW1"), Items = [MissedItem.From(item)] };

        Assert.IsType<DeliveryResult.Failed>(await pipeline.DeliverAsync(envelope, default));

        Assert.Equal(told, string.Join(",", notices.Order(StringComparer.Ordinal)));
        Assert.All(models, m =>
        {
            var row = Assert.Single((IEnumerable<IReadOnlyDictionary<string, object?>>)m["items"]!);
            Assert.Equal(("C000042", "Return home interview offer", "due Sun 22 Nov 2026, 1 day overdue"), ((string)row["reference"]!, (string)row["what"]!, (string)row["when"]!));
            Assert.Equal("Sam Worker", m["intended"]);
        });
    }

    [Fact]
    public async Task The_undeliverable_notice_names_the_refused_address_and_the_reason_in_plain_words()
    {
        var (pipeline, _, sender, renderer) = Pipeline(DeliveryClaim.Decision.Send);
        var templates = new CpAlerts.Adapters.Email.EmailTemplates(DeliverySettings.DefaultTemplatesFolder);
        renderer.Setup(r => r.Render(It.IsAny<string>(), It.IsAny<IReadOnlyDictionary<string, object?>>()))
            .Returns((string kind, IReadOnlyDictionary<string, object?> model) => templates.Render(kind, model));
        sender.Setup(s => s.SendAsync(It.Is<OutgoingEmail>(e => e.MessageId == "m1"), It.IsAny<CancellationToken>())).ReturnsAsync(new SendOutcome.Permanent("SendGrid refused the email (400)"));
        var notices = new List<OutgoingEmail>();
        sender.Setup(s => s.SendAsync(It.Is<OutgoingEmail>(e => e.MessageId != "m1"), It.IsAny<CancellationToken>()))
            .Callback((OutgoingEmail e, CancellationToken _) => notices.Add(e)).ReturnsAsync(new SendOutcome.Sent("202"));
        var item = new AlertItem("IHA_COMPLETION|C000042|2026-11-20", Domain.Rules.RuleId.IhaCompletion, "C000042", "C000042", new LocalDate(2026, 11, 20), null, 3, Domain.Escalation.EscalationLevel.Overdue, Domain.Escalation.Audience.TeamManager, null);

        await pipeline.DeliverAsync(Envelope() with { Recipient = MessageRecipient.Staff("SW1"), Items = [MissedItem.From(item)] }, default);

        var notice = Assert.Single(notices, n => n.ToAddress == "fallback@council.example");
        foreach (var part in new[] { notice.Text, notice.Html })
        {
            Assert.Contains("an escalation", part, StringComparison.Ordinal); // not "a escalation"
            Assert.Contains("sam@council.example", part, StringComparison.Ordinal); // the address to correct, named
            Assert.Contains("refused it, most likely the address: it may be mistyped", part, StringComparison.Ordinal);
            Assert.DoesNotContain("SendGrid", part, StringComparison.Ordinal);
            Assert.DoesNotContain("(400)", part, StringComparison.Ordinal);
        }
    }
}
