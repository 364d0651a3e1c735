namespace CpAlerts.Application.Ports;

/// <summary>
/// Which sweeps got as far as handing their messages over (kept in the outbox, then recorded as completed). A sweep
/// claims findings before it builds its messages; one that failed in between for good (dead-lettered) leaves claims
/// no message carries, and a later sweep takes those over.
/// </summary>
public interface ISweepHandovers
{
    Task<bool> HandedOverAsync(string council, string sweepId, CancellationToken cancellationToken = default);
}
