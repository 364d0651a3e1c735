using NodaTime;

namespace CpAlerts.Testing.LocalRun;

/// <summary>
/// The demo's day: the system clock moved by a fixed amount, so a replayed date (--as-of) reads as that day to the
/// handler's own clock (the team view's "today", delivery times) while time still passes as usual. The timers' instants
/// come from the firings, never from this clock (SweepFunctions).
/// </summary>
public sealed class ShiftedClock(IClock clock, Duration shift) : IClock
{
    public Instant GetCurrentInstant() => clock.GetCurrentInstant() + shift;
}
