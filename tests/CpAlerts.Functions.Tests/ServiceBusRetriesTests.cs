using Azure.Messaging.ServiceBus;
using CpAlerts.Adapters.ServiceBus;
using CpAlerts.Application.Ports;
using Moq;
using NodaTime;

namespace CpAlerts.Functions.Tests;

/// <summary>
/// The SDK adapter that schedules retry copies, over the SDK's own mockable clients (ServiceBusClient and ServiceBusSender
/// have virtual members and protected constructors for this). Behaviour end to end is tested through the local stand-in.
/// </summary>
public class ServiceBusRetriesTests
{
    private static readonly ScheduledRetry Retry = new("escalations", """{"schemaVersion":1,"messageId":"abc"}""", "abc-attempt-2", 2, Instant.FromUtc(2026, 12, 3, 6, 1));

    private static (ServiceBusRetries Retries, Mock<ServiceBusClient> Client, Mock<ServiceBusSender> Sender, Func<int> Connections) Adapter()
    {
        var sender = new Mock<ServiceBusSender>();
        var client = new Mock<ServiceBusClient>();
        client.Setup(c => c.CreateSender(It.IsAny<string>())).Returns(sender.Object);
        var connections = 0;
        return (new ServiceBusRetries(() => { connections++; return client.Object; }), client, sender, () => connections);
    }

    [Fact]
    public async Task A_copy_is_scheduled_on_the_entity_with_the_body_bytes_its_attempt_id_and_attempt_number()
    {
        var (retries, client, sender, _) = Adapter();
        ServiceBusMessage? sent = null;
        DateTimeOffset? at = null;
        sender.Setup(s => s.ScheduleMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .Callback<ServiceBusMessage, DateTimeOffset, CancellationToken>((m, t, _) => (sent, at) = (m, t)).ReturnsAsync(42L);

        await retries.ScheduleAsync(Retry, default);

        client.Verify(c => c.CreateSender("escalations"), Times.Once);
        Assert.Equal(Retry.Body, sent!.Body.ToString());
        Assert.Equal("abc-attempt-2", sent.MessageId); // duplicate detection drops a second schedule of the same attempt
        Assert.Equal(2, sent.ApplicationProperties[IRetryScheduler.AttemptProperty]);
        Assert.Equal("application/json", sent.ContentType);
        Assert.Equal(Retry.EnqueueAt.ToDateTimeOffset(), at);
    }

    [Fact]
    public async Task One_client_per_process_made_on_the_first_retry_and_one_sender_per_entity()
    {
        var (retries, client, _, connections) = Adapter();
        Assert.Equal(0, connections()); // nothing at start-up (cold start)

        await retries.ScheduleAsync(Retry, default);
        await retries.ScheduleAsync(Retry with { Attempt = 3, MessageId = "abc-attempt-3" }, default);
        await retries.ScheduleAsync(Retry with { Entity = "digests" }, default);

        Assert.Equal(1, connections());
        client.Verify(c => c.CreateSender("escalations"), Times.Once);
        client.Verify(c => c.CreateSender("digests"), Times.Once);
    }

    [Fact]
    public async Task A_refusal_is_said_in_words_safe_to_log_so_the_invocation_fails_and_keeps_the_message()
    {
        var (retries, _, sender, _) = Adapter();
        sender.Setup(s => s.ScheduleMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ServiceBusException("quota exceeded for sb://x", ServiceBusFailureReason.QuotaExceeded));

        var e = await Assert.ThrowsAsync<RetrySchedulingException>(() => retries.ScheduleAsync(Retry, default));

        Assert.Equal("Service Bus refused the schedule: QuotaExceeded", e.Message);
    }

    [Fact]
    public async Task Without_a_namespace_nothing_can_be_scheduled_and_the_reason_names_the_setting()
    {
        var e = await Assert.ThrowsAsync<RetrySchedulingException>(() => new NoRetryScheduler().ScheduleAsync(Retry, default));
        Assert.Contains("ServiceBusConnection__fullyQualifiedNamespace", e.Message, StringComparison.Ordinal);
    }
}
