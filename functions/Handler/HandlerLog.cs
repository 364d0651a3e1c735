using Microsoft.Extensions.Logging;

namespace CpAlerts.Functions.Handler;

/// <summary>The handler's log lines. Ids, counts and types only: never names, dates of birth or addresses.</summary>
internal static partial class HandlerLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "{Function}: message rejected (delivery {DeliveryCount}): {Reason}")]
    public static partial void MessageRejected(ILogger logger, string function, int deliveryCount, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function}: failed with {ExceptionType}; the host will retry.")]
    public static partial void InvocationFailed(ILogger logger, string function, string exceptionType);
}
