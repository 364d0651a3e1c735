using System.CommandLine;
using System.Text;
using Azure.Core.Amqp;
using Azure.Messaging.ServiceBus;
using CpAlerts.Adapters.ServiceBus;
using CpAlerts.Tool.Cli;
using Microsoft.Extensions.Configuration;
using Moq;
using NodaTime;

namespace CpAlerts.Functions.Tests;

/// <summary>
/// The deadletters adapter and command over a mocked ServiceBusClient (the SDK's types are made to be mocked):
/// a small in-memory dead-letter queue stands behind the receiver, and every send, complete and abandon is logged in order.
/// </summary>
public class DeadLetterQueueTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 9, 0);
    private static readonly DateTimeOffset TwoDaysAgo = Now.Minus(Duration.FromDays(2)).ToDateTimeOffset();
    private static readonly DateTimeOffset TwoHoursAgo = Now.Minus(Duration.FromHours(2)).ToDateTimeOffset();

    // A body only the body holds: anything that prints it gives itself away. The 0xFF is not UTF-8, so a body that
    // went through a string on its way back would arrive as EF BF BD instead.
    private const string BodyMarker = "C0042-BODY-ONLY";

    private static byte[] Body(string id) => [.. Encoding.UTF8.GetBytes($$"""{"messageId":"{{id}}","council":"E08000025","childIds":["{{BodyMarker}}"]}"""), 0xFF];

    [Fact]
    public async Task List_shows_reason_description_count_time_and_size_by_peeking_and_never_the_body()
    {
        var queue = new FakeDeadLetters("digests");
        queue.Add(Dead(7, "m-7", TwoDaysAgo, reason: "MaxDeliveryCountExceeded", description: "Message could not be consumed after 10 delivery attempts."));
        queue.Add(Dead(9, "m-9", TwoHoursAgo, reason: "TTLExpiredException", description: "The message expired and was dead lettered.", deliveryCount: 3));

        var listed = await new DeadLetterQueue(queue.Client.Object, new FixedClock(Now)).ListAsync("digests");

        Assert.Equal([7L, 9L], listed.Select(m => m.SequenceNumber));
        var first = listed[0];
        Assert.Equal(("m-7", "MaxDeliveryCountExceeded", "Message could not be consumed after 10 delivery attempts.", 10, TwoDaysAgo, (long?)Body("m-7").Length, DeadLetterBodyKind.Bytes),
            (first.MessageId, first.Reason, first.Description, first.DeliveryCount, first.EnqueuedTime, first.BodyBytes, first.BodyKind));
        Assert.Equal(("TTLExpiredException", 3), (listed[1].Reason, listed[1].DeliveryCount));
        Assert.All(listed, m => Assert.DoesNotContain(BodyMarker, m.ToString(), StringComparison.Ordinal)); // a record prints every property it has
        queue.Receiver.Verify(r => r.ReceiveMessagesAsync(It.IsAny<int>(), It.IsAny<TimeSpan?>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.DoesNotContain(queue.Log, e => !e.StartsWith("peek", StringComparison.Ordinal));

        // The command's table: the same facts, UTC ISO times, still no body.
        var (exit, stdout, _) = Run(queue, "deadletters", "list", "digests");
        Assert.Equal(ExitCodes.Success, exit);
        var row = stdout.Split('\n').Single(l => l.StartsWith('7'));
        foreach (var expected in new[] { "m-7", "2026-11-21T09:00:00Z", " 10 ", $" {Body("m-7").Length} ", "MaxDeliveryCountExceeded", "Message could not be consumed after 10 delivery attempts." })
        {
            Assert.Contains(expected, row, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(BodyMarker, stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_pages_from_sequence_number_to_the_end_of_the_queue()
    {
        var queue = new FakeDeadLetters("reports");
        for (var seq = 1; seq <= 250; seq++)
        {
            queue.Add(Dead(seq * 2, $"m-{seq}", TwoDaysAgo));
        }

        var listed = await new DeadLetterQueue(queue.Client.Object, new FixedClock(Now)).ListAsync("reports");

        Assert.Equal(250, listed.Select(m => m.SequenceNumber).Distinct().Count());
        Assert.True(queue.Log.Count(e => e.StartsWith("peek", StringComparison.Ordinal)) >= 3, string.Join(", ", queue.Log));
    }

    [Fact]
    public async Task Show_gives_the_same_fields_and_the_body_as_it_is()
    {
        var queue = new FakeDeadLetters("digests");
        queue.Add(Dead(7, "m-7", TwoDaysAgo));
        queue.Add(Dead(8, "m-8", TwoDaysAgo));

        var shown = Assert.Single(await new DeadLetterQueue(queue.Client.Object, new FixedClock(Now)).ShowAsync("digests", "m-8"));

        Assert.Equal(8, shown.Message.SequenceNumber);
        Assert.Equal(Encoding.UTF8.GetString(Body("m-8")), shown.Body);
        Assert.DoesNotContain(queue.Log, e => !e.StartsWith("peek", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Resubmit_sends_the_original_bytes_id_content_type_and_properties_to_the_original_queue_and_completes_only_after_the_send()
    {
        var queue = new FakeDeadLetters("digests");
        var original = Dead(7, "m-7", TwoDaysAgo);
        queue.Add(original);
        queue.OnSend = sent => Assert.Contains(original, queue.Messages); // not yet completed when the copy goes

        var result = Assert.Single(await new DeadLetterQueue(queue.Client.Object, new FixedClock(Now)).ResubmitAsync("digests", "m-7", newId: false));

        Assert.Equal(ResubmitOutcome.Resubmitted, result.Outcome);
        var sent = Assert.Single(queue.Sent);
        Assert.Equal(AmqpMessageBodyType.Data, sent.GetRawAmqpMessage().Body.BodyType); // bytes, not an AMQP string value
        Assert.Equal(Body("m-7"), sent.Body.ToArray());
        Assert.Equal(("m-7", "application/json", "digest", "corr-m-7"), (sent.MessageId, sent.ContentType, sent.Subject, sent.CorrelationId));
        Assert.Equal("Digest", sent.ApplicationProperties["cpalertsKind"]);
        Assert.False(sent.ApplicationProperties.ContainsKey("DeadLetterReason"));
        Assert.False(sent.ApplicationProperties.ContainsKey("DeadLetterErrorDescription"));
        Assert.Equal(["send digests m-7", "complete m-7"], queue.Log.Where(e => !e.StartsWith("peek", StringComparison.Ordinal) && !e.StartsWith("receive", StringComparison.Ordinal)));
        Assert.Empty(queue.Messages);
    }

    [Fact]
    public async Task Resubmit_from_escalations_reads_the_delivery_subscription_and_sends_to_the_topic()
    {
        var queue = new FakeDeadLetters("escalations", subscription: "delivery"); // the strict client knows no other receiver or sender
        queue.Add(Dead(3, "e-3", TwoDaysAgo));

        var result = Assert.Single(await new DeadLetterQueue(queue.Client.Object, new FixedClock(Now)).ResubmitAsync("escalations", "e-3", newId: false));

        Assert.Equal(ResubmitOutcome.Resubmitted, result.Outcome);
        Assert.Contains("send escalations e-3", queue.Log);
        queue.Client.Verify(c => c.CreateSender("escalations"), Times.Once);
    }

    [Fact]
    public async Task Resubmit_takes_only_the_message_with_that_id_and_leaves_the_others_unlocked()
    {
        var queue = new FakeDeadLetters("digests");
        queue.Add(Dead(1, "m-1", TwoDaysAgo));
        queue.Add(Dead(2, "m-2", TwoDaysAgo));
        queue.Add(Dead(3, "m-3", TwoDaysAgo));

        await new DeadLetterQueue(queue.Client.Object, new FixedClock(Now)).ResubmitAsync("digests", "m-2", newId: false);

        Assert.Equal(["m-2"], queue.Sent.Select(m => m.MessageId));
        Assert.Equal(["m-1", "m-3"], queue.Messages.Select(m => m.MessageId));
        Assert.Empty(queue.Locked);
    }

    [Fact]
    public async Task A_failed_send_abandons_the_message_does_not_complete_it_and_stops()
    {
        var queue = new FakeDeadLetters("digests");
        queue.Add(Dead(1, "m-1", TwoDaysAgo));
        queue.Add(Dead(2, "m-2", TwoDaysAgo));
        queue.OnSend = _ => throw new ServiceBusException("the sender link was refused", ServiceBusFailureReason.ServiceCommunicationProblem);

        var results = await new DeadLetterQueue(queue.Client.Object, new FixedClock(Now)).ResubmitAsync("digests", messageId: null, newId: false);

        Assert.Equal([ResubmitOutcome.SendFailed, ResubmitOutcome.NotTried], results.Select(r => r.Outcome));
        Assert.Contains("the sender link was refused", results[0].Error, StringComparison.Ordinal);
        Assert.DoesNotContain(queue.Log, e => e.StartsWith("complete", StringComparison.Ordinal));
        Assert.Contains("abandon m-1", queue.Log);
        Assert.Single(queue.Log, e => e.StartsWith("send", StringComparison.Ordinal));
        Assert.Equal(["m-1", "m-2"], queue.Messages.Select(m => m.MessageId));
        Assert.Empty(queue.Locked);
    }

    [Fact]
    public async Task Inside_the_duplicate_window_the_original_id_is_held_back_and_new_id_changes_only_the_broker_id()
    {
        var queue = new FakeDeadLetters("iha-requests");
        var original = Dead(5, "m-5", TwoHoursAgo);
        queue.Add(original);
        var deadLetters = new DeadLetterQueue(queue.Client.Object, new FixedClock(Now));

        // Same id two hours after the first send: the broker would accept the copy and drop it, so nothing is sent or removed.
        var held = Assert.Single(await deadLetters.ResubmitAsync("iha-requests", "m-5", newId: false));
        Assert.Equal(ResubmitOutcome.HeldBackDuplicateWindow, held.Outcome);
        Assert.Empty(queue.Sent);
        Assert.Equal([original], queue.Messages);
        var (exit, stdout, _) = Run(queue, "deadletters", "resubmit", "iha-requests", "m-5");
        Assert.Equal(ExitCodes.Incomplete, exit);
        Assert.Contains("--new-id", stdout, StringComparison.Ordinal);
        Assert.Empty(queue.Sent);

        var result = Assert.Single(await deadLetters.ResubmitAsync("iha-requests", "m-5", newId: true));
        Assert.Equal((ResubmitOutcome.Resubmitted, "m-5-resubmit-1"), (result.Outcome, result.SentMessageId));
        var sent = Assert.Single(queue.Sent);
        Assert.Equal("m-5-resubmit-1", sent.MessageId);
        Assert.Equal(Body("m-5"), sent.Body.ToArray());
        Assert.Equal((original.ContentType, original.Subject, original.CorrelationId), (sent.ContentType, sent.Subject, sent.CorrelationId));
        Assert.Equal(original.ApplicationProperties.Where(p => !p.Key.StartsWith("DeadLetter", StringComparison.Ordinal)).ToDictionary(), sent.ApplicationProperties.ToDictionary());

        Assert.Equal("m-5-resubmit-2", DeadLetterQueue.ResubmitId("m-5-resubmit-1"));
    }

    [Fact]
    public async Task Two_dead_lettered_copies_of_one_id_get_distinct_new_ids()
    {
        var queue = new FakeDeadLetters("digests");
        queue.Add(Dead(1, "m-1", TwoHoursAgo));
        queue.Add(Dead(2, "m-1", TwoHoursAgo));

        var results = await new DeadLetterQueue(queue.Client.Object, new FixedClock(Now)).ResubmitAsync("digests", "m-1", newId: true);

        Assert.All(results, r => Assert.Equal(ResubmitOutcome.Resubmitted, r.Outcome));
        Assert.Equal(["m-1-resubmit-1", "m-1-resubmit-2"], queue.Sent.Select(m => m.MessageId)); // the same id twice would be dropped as a duplicate
    }

    [Fact]
    public async Task Purge_completes_everything_with_short_waits_and_reports_the_count()
    {
        var queue = new FakeDeadLetters("sweeps");
        for (var seq = 1; seq <= 150; seq++)
        {
            queue.Add(Dead(seq, $"s-{seq}", TwoDaysAgo));
        }

        var removed = await new DeadLetterQueue(queue.Client.Object, new FixedClock(Now)).PurgeAsync("sweeps");

        Assert.Equal(150, removed);
        Assert.Empty(queue.Messages);
        Assert.Equal(150, queue.Log.Count(e => e.StartsWith("complete", StringComparison.Ordinal)));
        Assert.All(queue.Waits, w => Assert.InRange(w!.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(10))); // never the SDK's one-minute default
    }

    [Fact]
    public async Task An_unknown_entity_is_refused_with_the_allowed_names_before_anything_is_opened()
    {
        var client = new Mock<ServiceBusClient>(MockBehavior.Strict); // any call would throw a MockException instead
        var deadLetters = new DeadLetterQueue(client.Object, new FixedClock(Now));

        foreach (var attempt in new Func<Task>[]
        {
            () => deadLetters.ListAsync("digest"), () => deadLetters.ShowAsync("escalations/delivery", "x"),
            () => deadLetters.ResubmitAsync("alerts", null, false), () => deadLetters.PurgeAsync("$deadletterqueue"),
        })
        {
            var refused = await Assert.ThrowsAsync<UnknownDeadLetterEntityException>(attempt);
            foreach (var name in new[] { "sweeps", "digests", "iha-requests", "scorecards", "reports", "escalations" })
            {
                Assert.Contains(name, refused.Message, StringComparison.Ordinal);
            }
        }

        var (exit, _, stderr) = Run(new FakeDeadLetters("digests"), "deadletters", "list", "digest");
        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Contains("iha-requests", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Purge_without_yes_asks_and_refuses_when_it_cannot_ask_or_is_not_confirmed()
    {
        var queue = new FakeDeadLetters("digests");
        queue.Add(Dead(1, "m-1", TwoDaysAgo));

        var (exit, _, stderr) = Answering(queue, "", canAsk: false, "deadletters", "purge", "digests");
        Assert.Equal(ExitCodes.Incomplete, exit);
        Assert.Contains("--yes", stderr, StringComparison.Ordinal);

        (exit, _, _) = Answering(queue, "sweeps\n", canAsk: true, "deadletters", "purge", "digests");
        Assert.Equal(ExitCodes.Incomplete, exit);
        Assert.DoesNotContain(queue.Log, e => e.StartsWith("receive", StringComparison.Ordinal) || e.StartsWith("complete", StringComparison.Ordinal));
        Assert.Single(queue.Messages);

        (exit, _, stderr) = Answering(queue, "digests\n", canAsk: true, "deadletters", "purge", "digests");
        Assert.Equal(ExitCodes.Success, exit);
        Assert.Empty(queue.Messages);
        Assert.Contains("1 message(s) deleted", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Resubmit_needs_an_id_or_all_and_the_namespace_comes_from_the_setting_or_the_option()
    {
        var queue = new FakeDeadLetters("digests");
        Assert.NotEqual(ExitCodes.Success, Run(queue, "deadletters", "resubmit", "digests").Exit);
        Assert.NotEqual(ExitCodes.Success, Run(queue, "deadletters", "resubmit", "digests", "m-1", "--all").Exit);

        var (exit, _, stderr) = Invoke(queue, "", false, namespaceSetting: null, ["deadletters", "list", "digests"]);
        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Contains("ServiceBusConnection__fullyQualifiedNamespace", stderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, Invoke(queue, "", false, namespaceSetting: null, ["deadletters", "list", "digests", "--namespace", "sb://cpalerts-test.servicebus.windows.net/"]).Exit);
        Assert.Equal("cpalerts-test.servicebus.windows.net", queue.ConnectedTo);
    }

    private static ServiceBusReceivedMessage Dead(long sequenceNumber, string messageId, DateTimeOffset enqueued, string reason = "MaxDeliveryCountExceeded",
        string description = "Message could not be consumed after 10 delivery attempts.", int deliveryCount = 10) =>
        ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: BinaryData.FromBytes(Body(messageId)),
            messageId: messageId,
            correlationId: $"corr-{messageId}",
            subject: "digest",
            contentType: "application/json",
            properties: new Dictionary<string, object>
            {
                ["cpalertsKind"] = "Digest",
                ["DeadLetterReason"] = reason,
                ["DeadLetterErrorDescription"] = description,
            },
            lockTokenGuid: Guid.NewGuid(),
            deliveryCount: deliveryCount,
            sequenceNumber: sequenceNumber,
            enqueuedTime: enqueued);

    private static (int Exit, string Stdout, string Stderr) Run(FakeDeadLetters queue, params string[] args) => Invoke(queue, "", false, "cpalerts-test.servicebus.windows.net", args);

    private static (int Exit, string Stdout, string Stderr) Answering(FakeDeadLetters queue, string input, bool canAsk, params string[] args) =>
        Invoke(queue, input, canAsk, "cpalerts-test.servicebus.windows.net", args);

    private static (int Exit, string Stdout, string Stderr) Invoke(FakeDeadLetters queue, string input, bool canAsk, string? namespaceSetting, string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [DeadLettersCommand.NamespaceSetting] = namespaceSetting }).Build();
        var terminal = new DeadLettersCommand.Terminal(stdout, stderr, new StringReader(input), () => canAsk);
        var root = new RootCommand { DeadLettersCommand.Create(configuration, new FixedClock(Now), terminal, ns => queue.Connect(ns)) };
        var exit = root.Parse(args).Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private sealed class FixedClock(Instant now) : IClock
    {
        public Instant GetCurrentInstant() => now;
    }

    /// <summary>One entity's dead-letter queue behind a strict client that opens only that entity's receiver and sender.</summary>
    private sealed class FakeDeadLetters
    {
        public FakeDeadLetters(string entity, string? subscription = null)
        {
            Receiver.Setup(r => r.PeekMessagesAsync(It.IsAny<int>(), It.IsAny<long?>(), It.IsAny<CancellationToken>()))
                .ReturnsAsync((int max, long? from, CancellationToken _) =>
                {
                    Log.Add($"peek {from}");
                    return Messages.Where(m => m.SequenceNumber >= (from ?? 0)).OrderBy(m => m.SequenceNumber).Take(max).ToList();
                });
            Receiver.Setup(r => r.ReceiveMessagesAsync(It.IsAny<int>(), It.IsAny<TimeSpan?>(), It.IsAny<CancellationToken>()))
                .ReturnsAsync((int max, TimeSpan? wait, CancellationToken _) =>
                {
                    Log.Add("receive");
                    Waits.Add(wait);
                    var batch = Messages.Where(m => !Locked.Contains(m.SequenceNumber)).OrderBy(m => m.SequenceNumber).Take(max).ToList();
                    Locked.UnionWith(batch.Select(m => m.SequenceNumber));
                    return batch;
                });
            Receiver.Setup(r => r.CompleteMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<CancellationToken>()))
                .Returns((ServiceBusReceivedMessage m, CancellationToken _) =>
                {
                    Assert.True(Locked.Remove(m.SequenceNumber), $"completed {m.MessageId} without holding its lock");
                    Messages.Remove(m);
                    Log.Add($"complete {m.MessageId}");
                    return Task.CompletedTask;
                });
            Receiver.Setup(r => r.AbandonMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<IDictionary<string, object>>(), It.IsAny<CancellationToken>()))
                .Returns((ServiceBusReceivedMessage m, IDictionary<string, object> _, CancellationToken _) =>
                {
                    Assert.True(Locked.Remove(m.SequenceNumber), $"abandoned {m.MessageId} without holding its lock");
                    Log.Add($"abandon {m.MessageId}");
                    return Task.CompletedTask;
                });
            Receiver.Setup(r => r.DisposeAsync()).Returns(ValueTask.CompletedTask);
            Sender.Setup(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>()))
                .Returns((ServiceBusMessage m, CancellationToken _) =>
                {
                    Log.Add($"send {entity} {m.MessageId}");
                    OnSend(m);
                    Sent.Add(m);
                    return Task.CompletedTask;
                });
            Sender.Setup(s => s.DisposeAsync()).Returns(ValueTask.CompletedTask);

            // Only the dead-letter sub-queue, locked receives: the active queue or a ReceiveAndDelete receiver is a MockException.
            if (subscription is null)
            {
                Client.Setup(c => c.CreateReceiver(entity, It.Is<ServiceBusReceiverOptions>(o => o.SubQueue == SubQueue.DeadLetter && o.ReceiveMode == ServiceBusReceiveMode.PeekLock)))
                    .Returns(Receiver.Object);
            }
            else
            {
                Client.Setup(c => c.CreateReceiver(entity, subscription, It.Is<ServiceBusReceiverOptions>(o => o.SubQueue == SubQueue.DeadLetter && o.ReceiveMode == ServiceBusReceiveMode.PeekLock)))
                    .Returns(Receiver.Object);
            }

            Client.Setup(c => c.CreateSender(entity)).Returns(Sender.Object);
            Client.Setup(c => c.DisposeAsync()).Returns(ValueTask.CompletedTask);
        }

        public Mock<ServiceBusClient> Client { get; } = new(MockBehavior.Strict);

        public Mock<ServiceBusReceiver> Receiver { get; } = new();

        public Mock<ServiceBusSender> Sender { get; } = new();

        public List<ServiceBusReceivedMessage> Messages { get; } = [];

        public HashSet<long> Locked { get; } = [];

        public List<ServiceBusMessage> Sent { get; } = [];

        public List<string> Log { get; } = [];

        public List<TimeSpan?> Waits { get; } = [];

        public Action<ServiceBusMessage> OnSend { get; set; } = _ => { };

        public string? ConnectedTo { get; private set; }

        public void Add(ServiceBusReceivedMessage message) => Messages.Add(message);

        public ServiceBusClient Connect(string fullyQualifiedNamespace)
        {
            ConnectedTo = fullyQualifiedNamespace;
            return Client.Object;
        }
    }
}
