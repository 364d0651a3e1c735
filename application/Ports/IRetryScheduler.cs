using NodaTime;

namespace CpAlerts.Application.Ports;

/// <summary>
/// Puts a copy of a delivery message back on its queue or topic for later (Service Bus scheduled enqueue): a
/// delivery that failed for a passing reason waits there, not in an invocation holding the message's lock.
/// </summary>
public interface IRetryScheduler
{
    /// <summary>The application property that counts attempts (absent: the first).</summary>
    const string AttemptProperty = "cpalerts-attempt";

    /// <summary>Schedules the copy. Throws when it cannot: the invocation must then fail so the message is not lost.</summary>
    Task ScheduleAsync(ScheduledRetry retry, CancellationToken cancellationToken);
}

/// <summary>
/// A copy of <see cref="Body"/> for <see cref="Entity"/> (a queue, or the topic a subscription reads), to be received
/// again at <see cref="EnqueueAt"/> as attempt <see cref="Attempt"/>. <see cref="MessageId"/> is the same for the same
/// attempt of the same message, so broker duplicate detection drops a second schedule of it.
/// </summary>
public sealed record ScheduledRetry(string Entity, string Body, string MessageId, int Attempt, Instant EnqueueAt);

/// <summary>Why a copy could not be scheduled, in words safe to log (no message body, no addresses).</summary>
public sealed class RetrySchedulingException(string reason, Exception? inner = null) : Exception(reason, inner);
