using System.Diagnostics;

namespace CpAlerts.Functions.Delivery;

/// <summary>
/// Retries a delivery that failed for a passing reason (a 5xx or 429 from the mail service, a timeout,
/// the same message being sent by another invocation) inside the invocation, with doubling delays up to
/// <see cref="MaxDelay"/>, for at most <see cref="Budget"/>. Service Bus makes a failed message available
/// again at once, with no back-off of its own (HOST-CONTRACT.md, "Service Bus trigger semantics"), so
/// without this a short outage would use up every delivery in seconds and dead-letter the message.
/// The budget stays well inside host.json's functionTimeout, which the lock renewal covers.
/// </summary>
public sealed record TransientRetry(TimeSpan FirstDelay, TimeSpan MaxDelay, TimeSpan Budget)
{
    public static readonly TransientRetry Default = From(Configuration.BackOffOptions.Default);

    public static TransientRetry From(Configuration.BackOffOptions options) => new(options.FirstDelay, options.MaxDelay, options.Budget);

    /// <summary>The delays between attempts, in order: what one invocation waits before giving the message back to Service Bus.</summary>
    public IEnumerable<TimeSpan> Delays()
    {
        var total = TimeSpan.Zero;
        for (var delay = FirstDelay; total + delay <= Budget; delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks)))
        {
            total += delay;
            yield return delay;
            if (delay <= TimeSpan.Zero)
            {
                yield break;
            }
        }
    }

    /// <summary>Runs the attempt until it is not a passing failure or the budget is spent; reports each wait.</summary>
    public async Task<DeliveryResult> RunAsync(Func<CancellationToken, Task<DeliveryResult>> attempt, Action<DeliveryResult, TimeSpan>? retrying, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        using var delays = Delays().GetEnumerator();
        while (true)
        {
            var result = await attempt(cancellationToken);
            if (result is not (DeliveryResult.Retry or DeliveryResult.Misconfigured) || !delays.MoveNext() || watch.Elapsed + delays.Current > Budget)
            {
                return result;
            }

            retrying?.Invoke(result, delays.Current);
            await Task.Delay(delays.Current, cancellationToken);
        }
    }
}
