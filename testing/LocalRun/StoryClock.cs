using NodaTime;

namespace CpAlerts.Testing.LocalRun;

/// <summary>
/// The demo's own time for the handler (the team view's "today", when deliveries are recorded): set to each event of its
/// story as the story reaches it, moving on with the system clock in between, and never back. So a worker who says
/// something is in hand on the Friday does so on the Friday, and the sweeps of the days after it see that.
/// </summary>
public sealed class StoryClock(IClock clock, Instant startsAt) : IClock
{
    private long _shiftNanoseconds = (startsAt - clock.GetCurrentInstant()).ToInt64Nanoseconds();

    public Instant GetCurrentInstant() => clock.GetCurrentInstant() + Duration.FromNanoseconds(Interlocked.Read(ref _shiftNanoseconds));

    /// <summary>The story has reached <paramref name="at"/>: the clock reads it now (or stays, if it is already later).</summary>
    public void MoveTo(Instant at)
    {
        if (at > GetCurrentInstant())
        {
            Interlocked.Exchange(ref _shiftNanoseconds, (at - clock.GetCurrentInstant()).ToInt64Nanoseconds());
        }
    }
}
