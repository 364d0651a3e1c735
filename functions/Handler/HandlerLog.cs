
namespace CpAlerts.Functions.Handler;

/// <summary>
/// The handler's log lines. Ids, counts, types and our own reasons only: never names, dates of birth or
/// addresses. The host logs a non-2xx answer's body nowhere (docs/host-contract.md, "The response"), so every
/// failure is written here, to stderr, inside the invocation's scope (function name and invocation id).
/// </summary>
internal static partial class HandlerLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "{Function}: message rejected (delivery {DeliveryCount}), it will be dead-lettered: {Reason}")]
    public static partial void MessageRejected(ILogger logger, string function, int deliveryCount, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function}: failed with {ExceptionType} (delivery {DeliveryCount}); Service Bus or the timer's retry policy will try again.")]
    public static partial void InvocationFailed(ILogger logger, string function, string exceptionType, int deliveryCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function}: will be retried (delivery {DeliveryCount}): {Reason}")]
    public static partial void WillRetry(ILogger logger, string function, int deliveryCount, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function}: configuration error, nothing can be sent until it is fixed (delivery {DeliveryCount}): {Reason}")]
    public static partial void Misconfigured(ILogger logger, string function, int deliveryCount, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Kind} {MessageId}: {Reason}; attempt {Attempt} scheduled in {Minutes} min")]
    public static partial void RetryScheduled(ILogger logger, string kind, string messageId, string reason, int attempt, double minutes);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Kind} {MessageId}: delivery failed for good, recorded, and reported to the fallback mailbox: {Reason}")]
    public static partial void DeliveryFailed(ILogger logger, string kind, string messageId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "outbox {Council}: {Count} message(s) were handed to Service Bus {Times} times by daily sweeps and delivery never saw them; no longer sent again. Look in the dead-letter queues (`deadletters list`).")]
    public static partial void MessagesGivenUp(ILogger logger, string council, int count, int times);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Function}: {Outcome}")]
    public static partial void Completed(ILogger logger, string function, string outcome);

    /// <summary>Worded to match the operators' "configuration error" log alert.</summary>
    [LoggerMessage(Level = LogLevel.Error, Message = "No email can be sent (configuration error: {Reason}); timers, sweeps, the team view and the scorecard run, and every email is retried until it is fixed.")]
    public static partial void MailServiceUnusable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The team view is off, the alerts run as usual: {Reason}")]
    public static partial void TeamViewOff(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function}: storage failed, will be retried (delivery {DeliveryCount}): {Advice}")]
    public static partial void StorageFailed(ILogger logger, string function, int deliveryCount, string advice);

    /// <summary>Worded to match the operators' "configuration error" log alert: without telemetry the metric alerts are blind.</summary>
    [LoggerMessage(Level = LogLevel.Error, Message = "Telemetry is off, the alerts run as usual (configuration error: {Reason})")]
    public static partial void TelemetryOff(ILogger logger, string reason);
}
