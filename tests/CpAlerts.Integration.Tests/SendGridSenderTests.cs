using System.Text.Json.Nodes;
using CpAlerts.Adapters.Email;
using CpAlerts.Application.Ports;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace CpAlerts.Integration.Tests;

public class SendGridSenderTests
{
    private static readonly OutgoingEmail Email = new("tm1@council.example", "Manager", "Timescales escalation", "plain text", "<p>html</p>", "abc123", "DEMO", "escalation", EmailAudience.TeamManager);

    private static SendGridEmailSender Sender(string url, double timeoutSeconds = 10) =>
        SendGridEmailSender.Create("SG.test-key", "cpalerts@council.example", "CpAlerts", url, TimeSpan.FromSeconds(timeoutSeconds));

    [Fact]
    public async Task The_request_follows_the_v3_mail_send_contract()
    {
        using var sendGrid = new FakeSendGrid();

        var outcome = await Sender(sendGrid.Url).SendAsync(Email, default);

        Assert.IsType<SendOutcome.Sent>(outcome);
        var entry = Assert.Single(sendGrid.Server.LogEntries)!;
        Assert.Equal("Bearer SG.test-key", entry.RequestMessage!.Headers!["Authorization"][0]);
        var body = JsonNode.Parse(entry.RequestMessage!.Body!)!;
        Assert.Equal("tm1@council.example", (string?)body["personalizations"]![0]!["to"]![0]!["email"]);
        Assert.Equal("Timescales escalation", (string?)body["personalizations"]![0]!["subject"]);
        Assert.Equal("cpalerts@council.example", (string?)body["from"]!["email"]);
        Assert.Equal(["text/plain", "text/html"], body["content"]!.AsArray().Select(c => (string?)c!["type"]));
        Assert.Equal("<p>html</p>", (string?)body["content"]![1]!["value"]);
        Assert.Equal("abc123", (string?)body["personalizations"]![0]!["custom_args"]!["cpalerts_message_id"]);
        Assert.Equal(false, (bool?)body["tracking_settings"]!["click_tracking"]!["enable"]);
        Assert.Null(body["reply_to"]); // replies go to the sender unless the email says otherwise
    }

    [Fact]
    public async Task A_reply_to_goes_in_the_requests_reply_to()
    {
        using var sendGrid = new FakeSendGrid();

        await Sender(sendGrid.Url).SendAsync(Email with { ReplyTo = new EmailContact("sam@council.example", "Sam Worker") }, default);

        var body = JsonNode.Parse(Assert.Single(sendGrid.Server.LogEntries)!.RequestMessage!.Body!)!;
        Assert.Equal(("sam@council.example", "Sam Worker"), ((string?)body["reply_to"]!["email"], (string?)body["reply_to"]!["name"]));
    }

    [Theory]
    [InlineData(500, typeof(SendOutcome.Transient))]
    [InlineData(503, typeof(SendOutcome.Transient))]
    [InlineData(400, typeof(SendOutcome.Permanent))]
    [InlineData(401, typeof(SendOutcome.Misconfigured))]
    [InlineData(403, typeof(SendOutcome.Misconfigured))]
    public async Task Status_codes_are_transient_or_permanent(int status, Type expected)
    {
        using var sendGrid = new FakeSendGrid();
        sendGrid.Server.Reset();
        sendGrid.Server.Given(Request.Create().WithPath("/v3/mail/send")).RespondWith(Response.Create().WithStatusCode(status));

        Assert.IsType(expected, await Sender(sendGrid.Url).SendAsync(Email, default));
        Assert.Single(sendGrid.Server.LogEntries); // no hidden retries: Service Bus owns retrying
    }

    [Fact]
    public async Task A_short_retry_after_is_honoured_in_process()
    {
        using var sendGrid = new FakeSendGrid();
        sendGrid.Server.Reset();
        sendGrid.Server.Given(Request.Create().WithPath("/v3/mail/send")).InScenario("limit").WillSetStateTo("limited")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "1"));
        sendGrid.Server.Given(Request.Create().WithPath("/v3/mail/send")).InScenario("limit").WhenStateIs("limited")
            .RespondWith(Response.Create().WithStatusCode(202));

        Assert.IsType<SendOutcome.Sent>(await Sender(sendGrid.Url).SendAsync(Email, default));
        Assert.Equal(2, sendGrid.Server.LogEntries.Count);
    }

    [Fact]
    public async Task A_long_retry_after_goes_back_to_service_bus()
    {
        using var sendGrid = new FakeSendGrid();
        sendGrid.Server.Reset();
        sendGrid.Server.Given(Request.Create().WithPath("/v3/mail/send")).RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "120"));

        var outcome = Assert.IsType<SendOutcome.Transient>(await Sender(sendGrid.Url).SendAsync(Email, default));
        Assert.Equal(TimeSpan.FromSeconds(120), outcome.RetryAfter);
        Assert.Single(sendGrid.Server.LogEntries);
    }

    [Fact]
    public async Task A_timeout_is_transient()
    {
        using var sendGrid = new FakeSendGrid();
        sendGrid.Server.Reset();
        sendGrid.Server.Given(Request.Create().WithPath("/v3/mail/send")).RespondWith(Response.Create().WithStatusCode(202).WithDelay(TimeSpan.FromSeconds(3)));

        Assert.IsType<SendOutcome.Transient>(await Sender(sendGrid.Url, timeoutSeconds: 0.5).SendAsync(Email, default));
    }
}
