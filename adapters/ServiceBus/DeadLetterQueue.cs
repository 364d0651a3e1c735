using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Messaging.ServiceBus;
using NodaTime;

namespace CpAlerts.Adapters.ServiceBus;

/// <summary>
/// A queue, or the topic subscription, whose dead-letter queue an operator may read, resubmit or purge: the
/// entities of infra-bicep/modules/servicebus.bicep. For the topic the dead-letter queue is its one subscription's
/// (`delivery`), and a resubmitted copy goes back to the topic.
/// </summary>
public sealed record DeadLetterEntity(string Name, string? Subscription)
{
    public static readonly IReadOnlyList<DeadLetterEntity> All =
    [
        new("sweeps", null), new("digests", null), new("iha-requests", null), new("scorecards", null), new("reports", null),
        new("escalations", "delivery"),
    ];

    /// <summary>The names an operator may give, for messages that list them.</summary>
    public static string Allowed => string.Join(", ", All.Select(e => e.Subscription is null ? e.Name : $"{e.Name} (subscription {e.Subscription})"));

    /// <summary>The entity by name (Service Bus names are case-insensitive); any other name is refused.</summary>
    public static DeadLetterEntity Resolve(string name) =>
        All.FirstOrDefault(e => string.Equals(e.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase)) ?? throw new UnknownDeadLetterEntityException(name ?? "");

    /// <summary>Where the dead-lettered messages are, as the portal names it.</summary>
    public string DeadLetterPath => Subscription is null ? $"{Name}/$DeadLetterQueue" : $"{Name}/Subscriptions/{Subscription}/$DeadLetterQueue";
}

public sealed class UnknownDeadLetterEntityException(string name)
    : ArgumentException($"'{name}' is not a CpAlerts Service Bus entity with a dead-letter queue. Use one of: {DeadLetterEntity.Allowed}.")
{
    public string Name { get; } = name;
}

/// <summary>How a message body is held on the wire.</summary>
public enum DeadLetterBodyKind
{
    /// <summary>AMQP data section(s): the bytes as they were sent (how the app and the host send).</summary>
    Bytes,

    /// <summary>An AMQP string value, as the portal's Service Bus Explorer sends: the handler sees it quoted once more.</summary>
    AmqpString,

    /// <summary>Any other AMQP value or sequence: not a CpAlerts message.</summary>
    Other,
}

/// <summary>One dead-lettered message, without its body.</summary>
public sealed record DeadLetter(
    long SequenceNumber,
    string MessageId,
    string? Reason,
    string? Description,
    int DeliveryCount,
    DateTimeOffset EnqueuedTime,
    long? BodyBytes,
    DeadLetterBodyKind BodyKind);

/// <summary>A dead-lettered message and its body as text (UTF-8); null when the body is neither bytes nor a string.</summary>
public sealed record DeadLetterContent(DeadLetter Message, string? Body);

public enum ResubmitOutcome
{
    /// <summary>Sent to the original entity, then removed from the dead-letter queue.</summary>
    Resubmitted,

    /// <summary>Not sent: with its original id it would be dropped by duplicate detection; still dead-lettered.</summary>
    HeldBackDuplicateWindow,

    /// <summary>The send failed; the message was abandoned and is still dead-lettered.</summary>
    SendFailed,

    /// <summary>Sent, but removing the dead-lettered copy failed: it is still listed although the copy went.</summary>
    SentButStillDeadLettered,

    /// <summary>Not tried because an earlier send failed; still dead-lettered.</summary>
    NotTried,

    /// <summary>Seen when peeking but not received (locked by another receiver, or removed meanwhile).</summary>
    NotReceived,
}

/// <summary>
/// What happened to one dead-lettered message; <see cref="SentMessageId"/> is the broker id of the copy, and
/// <see cref="Refused"/> says the send failed because the identity may not send (the Data Sender role is missing).
/// </summary>
public sealed record Resubmission(DeadLetter Message, ResubmitOutcome Outcome, string? SentMessageId = null, string? Error = null, bool Refused = false);

/// <summary>
/// The operator's view of the dead-letter queues, over the Service Bus SDK: list and show only peek (nothing is
/// locked or received); resubmit sends a faithful copy back to the original entity and only then completes the
/// dead-lettered one; purge completes everything. The client is the caller's (one per command), and the
/// receivers and senders made here are closed here.
/// </summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "It is the adapter over a dead-letter queue, which is what Service Bus calls it.")]
public sealed partial class DeadLetterQueue(ServiceBusClient client, IClock? clock = null)
{
    /// <summary>
    /// duplicateDetectionHistoryTimeWindow of every queue and the topic (<see cref="CpAlerts.Application.Configuration.ServiceBusEntities"/>).
    /// Reading it from the entity would need the Manage right, which an operator should not hold.
    /// </summary>
    public static readonly Duration DuplicateDetectionWindow = CpAlerts.Application.Configuration.ServiceBusEntities.DuplicateDetectionWindow;

    /// <summary>Allowance for the broker's clock against ours when deciding whether an id is still remembered.</summary>
    private static readonly Duration ClockAllowance = Duration.FromMinutes(10);

    internal const int PageSize = 100;

    /// <summary>How long a receive waits for a message before the dead-letter queue counts as empty.</summary>
    internal static readonly TimeSpan ReceiveWait = TimeSpan.FromSeconds(5);

    private readonly IClock _clock = clock ?? SystemClock.Instance;

    /// <summary>Every dead-lettered message of the entity, oldest first, by peeking (no lock, no delivery counted). Never the body.</summary>
    public async Task<IReadOnlyList<DeadLetter>> ListAsync(string entity, CancellationToken cancellationToken = default)
    {
        var target = DeadLetterEntity.Resolve(entity);
        return (await PeekAllAsync(target, cancellationToken)).Select(Describe).ToList();
    }

    /// <summary>The dead-lettered message(s) with this broker message id (the same id can be dead-lettered more than once), with the body.</summary>
    public async Task<IReadOnlyList<DeadLetterContent>> ShowAsync(string entity, string messageId, CancellationToken cancellationToken = default)
    {
        var target = DeadLetterEntity.Resolve(entity);
        return (await PeekAllAsync(target, cancellationToken))
            .Where(m => m.MessageId == messageId)
            .Select(m => new DeadLetterContent(Describe(m), BodyText(m)))
            .ToList();
    }

    /// <summary>
    /// Sends a copy of the dead-lettered message(s) with this id (or of all of them, <paramref name="messageId"/> null) back
    /// to the entity they came from, and removes each from the dead-letter queue only once its copy was sent. With
    /// <paramref name="newId"/> the copy gets a new broker id (<see cref="ResubmitId"/>); nothing else changes.
    /// Stops at the first failed send: that message and the rest stay dead-lettered.
    /// </summary>
    public async Task<IReadOnlyList<Resubmission>> ResubmitAsync(string entity, string? messageId, bool newId, CancellationToken cancellationToken = default)
    {
        var target = DeadLetterEntity.Resolve(entity);

        // Peek first: what is wanted is known (and an unknown id reported) before anything is locked.
        var wanted = (await PeekAllAsync(target, cancellationToken)).Where(m => messageId is null || m.MessageId == messageId).ToList();
        var outcomes = new Dictionary<long, Resubmission>();
        var now = _clock.GetCurrentInstant();
        foreach (var message in wanted.Where(m => !newId && StillRemembered(m, now)))
        {
            outcomes[message.SequenceNumber] = new Resubmission(Describe(message), ResubmitOutcome.HeldBackDuplicateWindow);
        }

        var pending = wanted.Where(m => !outcomes.ContainsKey(m.SequenceNumber)).Select(m => m.SequenceNumber).ToHashSet();
        if (pending.Count > 0)
        {
            await using var receiver = DeadLetterReceiver(target);
            await using var sender = client.CreateSender(target.Name);

            // A receive cannot pick a message by id: everything received that is not wanted is held (its lock kept,
            // so the next receive moves on) and abandoned at the end, unchanged but for one more delivery count.
            // Abandoning also releases anything left locked by a failure or Ctrl+C; if even that fails, the
            // lock lapses after the entity's lockDuration (5 minutes) and the message is back.
            var held = new List<ServiceBusReceivedMessage>();
            var failed = false;

            // Two dead-lettered copies of one id are one logical message (ids are derived from the content): with the
            // original id the broker keeps the first resubmitted copy and drops the second, which is what we want;
            // new ids are kept distinct within the run so that neither is dropped as the other's duplicate.
            var newIds = new HashSet<string>(StringComparer.Ordinal);
            try
            {
                while (pending.Count > 0 && !failed)
                {
                    var batch = await receiver.ReceiveMessagesAsync(PageSize, ReceiveWait, cancellationToken);
                    if (batch.Count == 0)
                    {
                        break;
                    }

                    foreach (var message in batch)
                    {
                        held.Add(message);
                        if (failed || !pending.Remove(message.SequenceNumber))
                        {
                            continue;
                        }

                        var id = newId ? ResubmitId(message.MessageId ?? "") : null;
                        while (id is not null && !newIds.Add(id))
                        {
                            id = ResubmitId(id);
                        }

                        var outcome = await ResubmitOneAsync(receiver, sender, message, id, cancellationToken);
                        outcomes[message.SequenceNumber] = outcome;
                        if (outcome.Outcome is ResubmitOutcome.Resubmitted or ResubmitOutcome.SentButStillDeadLettered)
                        {
                            held.Remove(message);
                        }
                        else
                        {
                            failed = true;
                        }
                    }
                }
            }
            finally
            {
                foreach (var message in held)
                {
                    try
                    {
                        await receiver.AbandonMessageAsync(message, cancellationToken: CancellationToken.None);
                    }
                    catch (ServiceBusException)
                    {
                        // The lock lapses by itself.
                    }
                }
            }

            foreach (var sequenceNumber in pending.Where(s => !outcomes.ContainsKey(s)))
            {
                outcomes[sequenceNumber] = new Resubmission(Describe(wanted.First(m => m.SequenceNumber == sequenceNumber)), failed ? ResubmitOutcome.NotTried : ResubmitOutcome.NotReceived);
            }
        }

        return wanted.Select(m => outcomes[m.SequenceNumber]).ToList();
    }

    /// <summary>Receives and completes every dead-lettered message of the entity, until a receive finds none; the number removed.</summary>
    public async Task<int> PurgeAsync(string entity, CancellationToken cancellationToken = default)
    {
        var target = DeadLetterEntity.Resolve(entity);
        await using var receiver = DeadLetterReceiver(target);
        var removed = 0;
        while (true)
        {
            var batch = await receiver.ReceiveMessagesAsync(PageSize, ReceiveWait, cancellationToken);
            if (batch.Count == 0)
            {
                return removed;
            }

            foreach (var message in batch)
            {
                await receiver.CompleteMessageAsync(message, cancellationToken);
                removed++;
            }
        }
    }

    /// <summary>
    /// The broker id a resubmitted copy gets with --new-id: the original id plus "-resubmit-1", or, for a copy that was
    /// itself resubmitted and dead-lettered again, the next number ("X-resubmit-1" → "X-resubmit-2"). Safe because
    /// delivery dedupes on the body's own messageId (DedupeByMessageId), never on the broker's.
    /// </summary>
    public static string ResubmitId(string original)
    {
        var match = ResubmitSuffix().Match(original);
        return match.Success && int.TryParse(match.Groups[2].Value, out var n)
            ? $"{match.Groups[1].Value}-resubmit-{n + 1}"
            : $"{original}-resubmit-1";
    }

    /// <summary>The instant after which the original id is no longer in the broker's duplicate detection history.</summary>
    public static Instant ForgottenAfter(DeadLetter message) => Instant.FromDateTimeOffset(message.EnqueuedTime) + DuplicateDetectionWindow + ClockAllowance;

    /// <summary>
    /// The copy to send. The SDK's own copy constructor, ServiceBusMessage(ServiceBusReceivedMessage)
    /// (azure-sdk-for-net, sdk/servicebus/Azure.Messaging.ServiceBus/src/Primitives/ServiceBusMessage.cs, read at
    /// commit 515190d), copies the AMQP body section as it is (data sections as the same bytes, a value as the value:
    /// nothing is decoded or re-encoded), the properties (MessageId, ContentType, Subject, CorrelationId, To, ReplyTo,
    /// SessionId, …), the header (TimeToLive, …, delivery count reset), the message annotations except the broker's
    /// own (sequence number, enqueued time, lock, dead-letter source, scheduled time, state, partition), the footer,
    /// and the application properties except DeadLetterReason, DeadLetterErrorDescription and Diagnostic-Id. That is
    /// exactly what a faithful resubmit needs, so it is used as it is; DeadLetterQueueTests check the parts we
    /// rely on against the pinned package.
    /// </summary>
    internal static ServiceBusMessage Copy(ServiceBusReceivedMessage message, string? newMessageId)
    {
        var copy = new ServiceBusMessage(message);
        if (newMessageId is not null)
        {
            copy.MessageId = newMessageId;
        }

        return copy;
    }

    private static async Task<Resubmission> ResubmitOneAsync(ServiceBusReceiver receiver, ServiceBusSender sender, ServiceBusReceivedMessage message, string? newMessageId, CancellationToken cancellationToken)
    {
        ServiceBusMessage copy;
        try
        {
            copy = Copy(message, newMessageId);
            await sender.SendMessageAsync(copy, cancellationToken);
        }
        catch (Exception e) when (e is ServiceBusException or UnauthorizedAccessException or ArgumentException or Azure.Identity.AuthenticationFailedException)
        {
            // The caller abandons it: it stays in the dead-letter queue.
            return new Resubmission(Describe(message), ResubmitOutcome.SendFailed, Error: e.Message, Refused: e is UnauthorizedAccessException);
        }

        try
        {
            await receiver.CompleteMessageAsync(message, cancellationToken);
            return new Resubmission(Describe(message), ResubmitOutcome.Resubmitted, copy.MessageId);
        }
        catch (ServiceBusException e)
        {
            return new Resubmission(Describe(message), ResubmitOutcome.SentButStillDeadLettered, copy.MessageId, e.Message);
        }
    }

    /// <summary>
    /// Whether the broker still remembers the original id. Duplicate detection "keeps track of the application-controlled
    /// MessageId of all messages sent into a queue or topic during a specified time window. If any new message is sent
    /// with MessageId that was logged during the time window, the message is reported as accepted (the send operation
    /// succeeds), but the newly sent message is instantly ignored and dropped"
    /// (https://learn.microsoft.com/azure/service-bus-messaging/duplicate-detection). So such a resubmit would look
    /// successful, complete the dead-lettered copy, and lose the message: it is held back instead. The enqueued time
    /// is no earlier than the original send, so this errs towards holding back.
    /// </summary>
    private static bool StillRemembered(ServiceBusReceivedMessage message, Instant now) =>
        now < Instant.FromDateTimeOffset(message.EnqueuedTime) + DuplicateDetectionWindow + ClockAllowance;

    private ServiceBusReceiver DeadLetterReceiver(DeadLetterEntity target)
    {
        var options = new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter, ReceiveMode = ServiceBusReceiveMode.PeekLock, PrefetchCount = 0 };
        return target.Subscription is { } subscription
            ? client.CreateReceiver(target.Name, subscription, options)
            : client.CreateReceiver(target.Name, options);
    }

    private async Task<List<ServiceBusReceivedMessage>> PeekAllAsync(DeadLetterEntity target, CancellationToken cancellationToken)
    {
        await using var receiver = DeadLetterReceiver(target);
        var all = new List<ServiceBusReceivedMessage>();
        long from = 0;
        while (true)
        {
            var page = await receiver.PeekMessagesAsync(PageSize, from, cancellationToken);
            if (page.Count == 0)
            {
                return all;
            }

            all.AddRange(page);
            var next = page.Max(m => m.SequenceNumber) + 1;
            if (next <= from)
            {
                return all; // no progress: never loop on a broker that repeats itself
            }

            from = next;
        }
    }

    private static DeadLetter Describe(ServiceBusReceivedMessage m)
    {
        var (kind, bytes) = Body(m);
        return new DeadLetter(m.SequenceNumber, m.MessageId ?? "", m.DeadLetterReason, m.DeadLetterErrorDescription, m.DeliveryCount, m.EnqueuedTime, bytes?.Length, kind);
    }

    private static string? BodyText(ServiceBusReceivedMessage m) => Body(m).Bytes is { } bytes ? Encoding.UTF8.GetString(bytes) : null;

    /// <summary>The body's bytes: the data sections as they are, or an AMQP string value in UTF-8; null for anything else.</summary>
    private static (DeadLetterBodyKind Kind, byte[]? Bytes) Body(ServiceBusReceivedMessage m)
    {
        var body = m.GetRawAmqpMessage().Body;
        if (body.TryGetData(out var data))
        {
            return (DeadLetterBodyKind.Bytes, (data ?? []).SelectMany(d => d.ToArray()).ToArray());
        }

        return body.TryGetValue(out var value) && value is string text
            ? (DeadLetterBodyKind.AmqpString, Encoding.UTF8.GetBytes(text))
            : (DeadLetterBodyKind.Other, null);
    }

    [GeneratedRegex(@"^(.*)-resubmit-(\d{1,9})$", RegexOptions.CultureInvariant)]
    private static partial Regex ResubmitSuffix();
}
