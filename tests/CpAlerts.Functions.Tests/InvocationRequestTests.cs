using System.Text.Json;
using CpAlerts.Application.Messages;
using CpAlerts.Functions.Handler;
using CpAlerts.Testing.LocalRun;
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
        Assert.Equal(new SweepRequest(1, "DEMO", "daily", Instant.FromUtc(2026, 11, 23, 6, 0)), Parse(payload).Message<SweepRequest>("message"));
    }

    [Theory]
    [InlineData("2026-11-23")]           // a date where an instant belongs
    [InlineData("23/11/2026 06:00")]     // not ISO
    [InlineData("2026-11-31T06:00:00Z")] // no such day
    [InlineData("")]
    public void A_date_or_time_that_is_not_iso_makes_the_message_poison_not_a_failure(string asOf)
    {
        var payload = HostInvocations.ServiceBus("SweepCouncil", "message", ServiceBusDelivery.First(Body.Replace("2026-11-23T06:00:00Z", asOf, StringComparison.Ordinal)), DateTimeOffset.UtcNow);

        Assert.Throws<PoisonMessageException>(() => Parse(payload).Message<SweepRequest>("message"));
    }

    [Fact]
    public void Typed_dates_go_on_the_wire_as_the_iso_text_they_always_were()
    {
        var item = new AlertItem("K", Domain.Rules.RuleId.ReturnInterview, "C1", "E1", new LocalDate(2026, 12, 1), Instant.FromUtc(2026, 12, 1, 18, 30), 0,
            Domain.Escalation.EscalationLevel.DueSoon, Domain.Escalation.Audience.SocialWorker, null)
        { InHand = new InHandNote(new LocalDate(2026, 12, 4), "S1", "appointment-booked") };
        var digest = new DigestMessage(1, "d1", "DEMO", new LocalDate(2026, 11, 30), MessageRecipient.Staff("S1"), [item])
        { AsOf = new LocalDate(2026, 12, 1), RecordsAsAt = Instant.FromUtc(2026, 11, 30, 22, 15) };

        var json = JsonSerializer.Serialize(digest);

        Assert.Contains("\"weekOf\":\"2026-11-30\"", json, StringComparison.Ordinal);
        Assert.Contains("\"asOf\":\"2026-12-01\"", json, StringComparison.Ordinal);
        Assert.Contains("\"recordsAsAt\":\"2026-11-30T22:15:00Z\"", json, StringComparison.Ordinal);
        Assert.Contains("\"dueDate\":\"2026-12-01\",\"dueAt\":\"2026-12-01T18:30:00Z\"", json, StringComparison.Ordinal);
        Assert.Contains("\"until\":\"2026-12-04\"", json, StringComparison.Ordinal);
        Assert.Equal(json, JsonSerializer.Serialize(JsonSerializer.Deserialize<DigestMessage>(json)));
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
        var firing = new CpAlerts.Testing.LocalRun.TimerFiring(occurrence, occurrence.AddMilliseconds(-300), IsPastDue: false, Last: occurrence.AddDays(-1));

        var read = Parse(HostInvocations.Timer("DailySweep", "timer", firing)).Timer("timer", SystemClock.Instance);

        Assert.Equal(Instant.FromDateTimeOffset(occurrence), read.Occurrence);
        Assert.False(read.IsPastDue);
        Assert.True(read.Arrival < read.Occurrence);
    }

    [Fact]
    public void A_past_due_timer_says_so()
    {
        var occurrence = new DateTimeOffset(2026, 12, 15, 5, 0, 0, TimeSpan.Zero);
        var firing = new CpAlerts.Testing.LocalRun.TimerFiring(occurrence, occurrence.AddHours(3), IsPastDue: true);

        var read = Parse(HostInvocations.Timer("DailySweep", "timer", firing)).Timer("timer", SystemClock.Instance);

        Assert.True(read.IsPastDue);
        Assert.Equal(Instant.FromDateTimeOffset(occurrence), read.Occurrence);
        Assert.Equal(Instant.FromDateTimeOffset(occurrence.AddHours(3)), read.Arrival);
    }

    private const string GoodItem = """{"findingKey":"DENTAL_CHECK|C1|2026-09-01","rule":"DENTAL_CHECK","childId":"C1","subjectId":"C1","dueDate":"2026-09-01","dueAt":null,"daysOverdue":30,"level":1,"audience":"TeamManager","standingInFor":null}""";

    private static string Escalation(string recipient = """{"staffId":"TM1","fallback":false}""", string item = GoodItem) =>
        $$"""{"schemaVersion":1,"messageId":"m1","council":"DEMO","period":"2026-10-01","recipient":{{recipient}},"items":[{{item}}]}""";

    private static EscalationMessage Read(string body) =>
        Parse(HostInvocations.ServiceBus("DeliverEscalation", "message", ServiceBusDelivery.First(body), DateTimeOffset.UtcNow)).Message<EscalationMessage>("message");

    [Fact]
    public void A_message_reads_into_typed_values_and_writes_back_the_same_wire_shape()
    {
        var message = Read(Escalation());

        Assert.Equal((Domain.Rules.RuleId.DentalCheck, Domain.Escalation.EscalationLevel.Overdue, Domain.Escalation.Audience.TeamManager),
            (message.Items[0].Rule, message.Items[0].Level, message.Items[0].Audience));
        Assert.Equal("TM1", message.Recipient.StaffId);
        Assert.Equal(Escalation(), JsonSerializer.Serialize(message)); // what the sweep writes is what delivery reads
        Assert.Equal(MessageRecipient.FallbackMailbox, Read(Escalation("""{"staffId":null,"fallback":true}""")).Recipient);
        Assert.Equal(MessageRecipient.ScorecardMailbox, Read(Escalation("""{"staffId":null,"fallback":false,"mailbox":"scorecard"}""")).Recipient);
    }

    [Theory]
    [InlineData("\"rule\":\"DENTAL_CHECK\"", "\"rule\":\"DENTAL\"")]             // an unknown rule
    [InlineData("\"rule\":\"DENTAL_CHECK\"", "\"rule\":2")]                        // a rule by number
    [InlineData("\"audience\":\"TeamManager\"", "\"audience\":\"Manager\"")]      // an unknown audience: never a default
    [InlineData("\"audience\":\"TeamManager\"", "\"audience\":\"teammanager\"")]
    [InlineData("\"audience\":\"TeamManager\"", "\"audience\":1")]
    [InlineData("\"level\":1", "\"level\":7")]                                     // no such level
    [InlineData("\"level\":1", "\"level\":\"1\"")]
    public void An_unknown_value_in_an_item_is_poison(string good, string bad) =>
        Assert.Throws<PoisonMessageException>(() => Read(Escalation(item: GoodItem.Replace(good, bad, StringComparison.Ordinal))));

    [Theory]
    [InlineData("""{"staffId":"TM1","fallback":true}""")]                              // a person and the fallback mailbox at once
    [InlineData("""{"staffId":null,"fallback":false}""")]                              // nobody
    [InlineData("""{"staffId":"","fallback":false}""")]
    [InlineData("""{"staffId":null,"fallback":false,"mailbox":"board"}""")]            // a mailbox that is not configured
    [InlineData("""{"staffId":"TM1","fallback":false,"mailbox":"scorecard"}""")]
    [InlineData("\"TM1\"")]
    public void A_recipient_that_is_not_one_of_the_three_is_poison(string recipient) =>
        Assert.Throws<PoisonMessageException>(() => Read(Escalation(recipient)));
}
