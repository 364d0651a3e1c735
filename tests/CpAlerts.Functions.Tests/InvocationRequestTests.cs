using System.Text.Json;
using CpAlerts.Functions.Handler;
using CpAlerts.Functions.LocalRun;
using CpAlerts.Functions.Messages;
using NodaTime;

namespace CpAlerts.Functions.Tests;

/// <summary>The handler reads exactly what the host sends: payloads here come only from the host emulation.</summary>
public class InvocationRequestTests
{
    private const string Body = """{"schemaVersion":1,"council":"DEMO","kind":"daily","asOf":"2026-11-23T06:00:00Z"}""";

    private static InvocationRequest Parse(string payload) => JsonSerializer.Deserialize<InvocationRequest>(payload)!;

    [Fact]
    public void A_service_bus_body_arrives_quoted_twice_and_is_read()
    {
        var payload = HostInvocations.ServiceBus("SweepCouncil", "message", ServiceBusDelivery.First(Body), DateTimeOffset.UtcNow);

        Assert.Contains("\"message\":\"\\\"{\\\\\\\"schemaVersion", payload, StringComparison.Ordinal); // the host's encoding, literally
        Assert.Equal(new SweepRequest(1, "DEMO", "daily", "2026-11-23T06:00:00Z"), Parse(payload).Message<SweepRequest>("message"));
    }

    [Fact]
    public void A_dead_letter_replayed_as_an_amqp_string_has_one_more_layer_and_is_read()
    {
        var delivery = ServiceBusDelivery.First(Body) with { AmqpStringBody = true };
        var payload = HostInvocations.ServiceBus("SweepCouncil", "message", delivery, DateTimeOffset.UtcNow);

        Assert.Equal("DEMO", Parse(payload).Message<SweepRequest>("message").Council);
    }

    [Fact]
    public void A_body_quoted_beyond_what_any_sender_does_is_poison()
    {
        var quoted = Newtonsoft.Json.JsonConvert.SerializeObject(Newtonsoft.Json.JsonConvert.SerializeObject(Body));
        var payload = HostInvocations.ServiceBus("SweepCouncil", "message", ServiceBusDelivery.First(quoted) with { AmqpStringBody = true }, DateTimeOffset.UtcNow);

        Assert.Throws<PoisonMessageException>(() => Parse(payload).Message<SweepRequest>("message"));
    }

    [Fact]
    public void Metadata_numbers_and_ids_arrive_as_json_text_and_are_read()
    {
        var delivery = new ServiceBusDelivery(Body, "abc123", 7, DateTimeOffset.UtcNow, 42);
        var request = Parse(HostInvocations.ServiceBus("SweepCouncil", "message", delivery, DateTimeOffset.UtcNow));

        Assert.Equal("\"7\"", request.Metadata!["DeliveryCount"]!.ToJsonString()); // a string, as the host sends it
        Assert.Equal(7, request.DeliveryCount);
        Assert.Equal("abc123", request.MetadataText("MessageId"));
    }

    [Fact]
    public void A_timer_is_read_from_its_scheduled_occurrence_not_its_arrival()
    {
        var occurrence = new DateTimeOffset(2026, 12, 15, 6, 0, 0, TimeSpan.Zero);
        var firing = new LocalRun.TimerFiring(occurrence, occurrence.AddMilliseconds(-300), IsPastDue: false, Last: occurrence.AddDays(-1));

        var read = Parse(HostInvocations.Timer("DailySweep", "timer", firing)).Timer("timer", SystemClock.Instance);

        Assert.Equal(Instant.FromDateTimeOffset(occurrence), read.Occurrence);
        Assert.False(read.IsPastDue);
        Assert.True(read.Arrival < read.Occurrence);
    }

    [Fact]
    public void A_past_due_timer_says_so()
    {
        var occurrence = new DateTimeOffset(2026, 12, 15, 5, 0, 0, TimeSpan.Zero);
        var firing = new LocalRun.TimerFiring(occurrence, occurrence.AddHours(3), IsPastDue: true);

        var read = Parse(HostInvocations.Timer("DailySweep", "timer", firing)).Timer("timer", SystemClock.Instance);

        Assert.True(read.IsPastDue);
        Assert.Equal(Instant.FromDateTimeOffset(occurrence), read.Occurrence);
        Assert.Equal(Instant.FromDateTimeOffset(occurrence.AddHours(3)), read.Arrival);
    }
}
