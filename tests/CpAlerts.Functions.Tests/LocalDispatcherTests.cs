using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CpAlerts.Application.Ports;
using CpAlerts.Testing.LocalRun;
using NodaTime;

namespace CpAlerts.Functions.Tests;

/// <summary>
/// The local stand-in for the host and Service Bus behaves as they do where a test could otherwise pass against an
/// imagined platform: the message size limit, the host's encoding of output elements, scheduled enqueue and duplicate
/// detection. The handler here is a stub that records what it was sent.
/// </summary>
public class LocalDispatcherTests
{
    private sealed class StubHandler(Func<string, JsonObject, object> answer) : HttpMessageHandler
    {
        public List<(string Function, JsonObject Payload)> Received { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var function = request.RequestUri!.AbsolutePath.Trim('/');
            var payload = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!.AsObject();
            Received.Add((function, payload));
            var body = answer(function, payload);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") };
        }
    }

    private static readonly FunctionBindings[] Functions =
    [
        new("SweepCouncil", "serviceBusTrigger", "message", "sweeps", new Dictionary<string, string> { ["escalations"] = "escalations" }),
        new("DeliverEscalation", "serviceBusTrigger", "message", "escalations", new Dictionary<string, string>()),
    ];

    private static (LocalDispatcher Dispatcher, StubHandler Handler) Dispatcher(Func<string, JsonObject, object> answer)
    {
        var stub = new StubHandler(answer);
        var folder = Path.Combine(Path.GetTempPath(), "cpalerts-dlq-" + Guid.NewGuid().ToString("N")[..8]);
        return (new LocalDispatcher(new HttpClient(stub) { BaseAddress = new Uri("http://127.0.0.1/") }, Functions, folder), stub);
    }

    /// <summary>The body inside the host's JSON string encoding of it (docs/host-contract.md).</summary>
    private static string Body(JsonObject payload) => (string)JsonNode.Parse((string)payload["Data"]!["message"]!)!;

    [Fact]
    public async Task A_message_over_256_KB_is_refused_the_ones_before_it_go_and_the_sweep_ends_dead_lettered()
    {
        var small = """{"n":1}""";
        var large = new JsonObject { ["n"] = 2, ["padding"] = new string('x', 256 * 1024) }.ToJsonString();
        var (dispatcher, stub) = Dispatcher((function, _) => function == "SweepCouncil"
            ? new { Outputs = new { escalations = new[] { small, large, """{"n":3}""" } }, Logs = Array.Empty<string>() }
            : new { Outputs = new { }, Logs = Array.Empty<string>() });
        dispatcher.Send("SweepCouncil", "{}");

        await dispatcher.DrainAsync(null, default);

        Assert.Equal(10, stub.Received.Count(r => r.Function == "SweepCouncil")); // failed every delivery, as Service Bus redelivers it
        Assert.Equal(1, dispatcher.Counts.DeadLettered);
        Assert.Equal(10, dispatcher.Counts.RefusedAsTooLarge);
        var delivered = stub.Received.Where(r => r.Function == "DeliverEscalation").Select(r => Body(r.Payload)).ToList();
        Assert.All(delivered, b => Assert.Equal(small, b)); // sent one at a time: the one before went (each time), none after
        Assert.Equal(10, delivered.Count);
    }

    [Fact]
    public async Task A_string_element_is_the_body_as_it_is_and_an_object_goes_indented_as_the_host_sends_it()
    {
        var (dispatcher, stub) = Dispatcher((function, _) => function == "SweepCouncil"
            ? new { Outputs = new { escalations = new object[] { """{"a":1}""", new { b = 2 } } }, Logs = Array.Empty<string>() }
            : new { Outputs = new { }, Logs = Array.Empty<string>() });
        dispatcher.Send("SweepCouncil", "{}");

        await dispatcher.DrainAsync(null, default);

        var bodies = stub.Received.Where(r => r.Function == "DeliverEscalation").Select(r => Body(r.Payload)).ToList();
        Assert.Equal(["""{"a":1}""", "{" + Environment.NewLine + "  \"b\": 2" + Environment.NewLine + "}"], bodies);
    }

    [Fact]
    public async Task A_scheduled_copy_arrives_at_its_time_with_its_attempt_and_a_second_schedule_of_it_is_dropped()
    {
        var (dispatcher, stub) = Dispatcher((_, _) => new { Outputs = new { }, Logs = Array.Empty<string>() });
        var start = dispatcher.Now;
        var at = Instant.FromDateTimeOffset(start).Plus(Duration.FromMinutes(30));
        var retry = new ScheduledRetry("escalations", """{"messageId":"m1"}""", "m1-attempt-2", 2, at);

        await dispatcher.ScheduleAsync(retry, default);
        await dispatcher.ScheduleAsync(retry, default); // an invocation that ran twice: duplicate detection keeps one

        await dispatcher.DrainAsync(null, default);

        var (function, payload) = Assert.Single(stub.Received);
        Assert.Equal("DeliverEscalation", function);
        Assert.Equal(2, (int)payload["Metadata"]!["ApplicationProperties"]![IRetryScheduler.AttemptProperty]!);
        Assert.Equal("\"m1-attempt-2\"", (string?)payload["Metadata"]!["MessageId"]); // the host's JSON text of the id
        Assert.True(DateTimeOffset.Parse((string)payload["Metadata"]!["sys"]!["UtcNow"]!, System.Globalization.CultureInfo.InvariantCulture) >= at.ToDateTimeOffset());
        Assert.Equal(1, dispatcher.Counts.DroppedAsDuplicates);
    }

    [Fact]
    public async Task A_schedule_over_the_limit_is_refused_so_the_delivery_fails_and_keeps_its_message()
    {
        var (dispatcher, _) = Dispatcher((_, _) => new { Outputs = new { }, Logs = Array.Empty<string>() });

        await Assert.ThrowsAsync<RetrySchedulingException>(() => dispatcher.ScheduleAsync(
            new ScheduledRetry("escalations", new string('x', 256 * 1024), "m-attempt-2", 2, dispatcher.GetCurrentInstant()), default));
    }
}
