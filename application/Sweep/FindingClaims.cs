using CpAlerts.Application.Ports;
using CpAlerts.Domain.Escalation;
using NodaTime;

namespace CpAlerts.Application.Sweep;

/// <summary>
/// One sweep's claims in one partition: the partition's finding state as read, who is claiming (the sweep,
/// named by its message) and as of when. Claims are conditional writes, so racing sweeps send each level once.
/// </summary>
/// <remarks>
/// <paramref name="handovers"/> and <paramref name="grace"/>: a claim by another sweep at least the grace period older
/// that never handed its messages over is an orphan (decided, never sent) and is claimed again.
/// </remarks>
internal sealed class FindingClaims(IFindingStateStore states, Dictionary<string, FindingState> known, string council, string sweepId, Instant asOf,
    ISweepHandovers? handovers = null, Duration grace = default)
{
    private readonly Dictionary<string, bool> _orphanedBy = new(StringComparer.Ordinal);

    private const string NoticePrefix = "IHA_NOTICE|";

    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    /// <summary>How many findings (and IHA notices) this sweep saw open in the partition.</summary>
    public int Seen => _seen.Count;

    /// <summary>The key under which a care episode's IHA request notice is claimed, once per episode.</summary>
    public static string IhaNoticeKey(string childId, string enteredCare) => $"{NoticePrefix}{childId}|{enteredCare}";

    /// <summary>Counts a finding as still open without claiming anything (its news waits for another day), so it is not closed.</summary>
    public void KeepOpen(string key) => _seen.Add(key);

    /// <summary>
    /// Claims the levels of a finding not yet claimed, returning the levels to send (empty: nothing).
    /// <paramref name="sweepId"/> names the sweep message (council, kind, as-of), so a redelivery of the
    /// same message re-sends what it claimed: Service Bus redelivers the identical body when the host
    /// could not send the first run's outputs, and the repeated message ids let delivery drop true repeats.
    /// A claim by another sweep that handed its messages over is never taken over: they are in the outbox, and a
    /// later daily sweep sends them again until delivery records them (Sweep/Outbox.cs). A claim by a sweep that
    /// failed for good before that (an orphan) is claimed again. A claim by a newer sweep (a later as-of) is never
    /// touched by an older one.
    /// </summary>
    public async Task<IReadOnlyList<EscalationLevel>> ClaimAsync(string key, string childId, EscalationLevel level, CancellationToken cancellationToken)
    {
        _seen.Add(key);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var state = known.GetValueOrDefault(key) ?? FindingState.New(council, key, childId);
            if (state.ClaimedAt is { } claimedAt && claimedAt > asOf)
            {
                return []; // a later sweep has already decided this finding
            }

            if (!state.Open)
            {
                // Satisfied earlier and now breached again: a new finding.
                state = FindingState.New(council, key, childId) with { Version = state.Version };
            }

            if (state.ClaimedLevel is { } mine && level <= mine && state.ClaimedBy == sweepId)
            {
                return FindingState.LevelsBetween(state.ClaimedFrom, mine); // this sweep again: the same outputs
            }

            var from = state.ClaimedLevel;
            if (await OrphanAsync(state, cancellationToken))
            {
                from = state.ClaimedFrom; // nothing of that claim reached a message: tell what it would have told
            }
            else if (state.ClaimedLevel is { } claimedLevel && level <= claimedLevel)
            {
                return [];
            }

            var claimed = state with { ClaimedLevel = level, ClaimedFrom = from, ClaimedBy = sweepId, ClaimedAt = asOf, Open = true };
            if (await states.TryWriteAsync(claimed, cancellationToken) is { } written)
            {
                known[key] = written;
                return FindingState.LevelsBetween(from, level);
            }

            // Another sweep changed it since we read it: read again and decide on what it did.
            if (await states.ReadAsync(council, childId, key, cancellationToken) is { } fresh)
            {
                known[key] = fresh;
            }
        }

        return [];
    }

    /// <summary>Whether the state's claim was made by another, older sweep that never handed its messages over.</summary>
    private async Task<bool> OrphanAsync(FindingState state, CancellationToken cancellationToken)
    {
        if (handovers is null || state.ClaimedLevel is null || state.ClaimedBy is not { } by || by == sweepId || state.ClaimedAt is not { } at || asOf - at < grace)
        {
            return false;
        }

        if (!_orphanedBy.TryGetValue(by, out var orphan))
        {
            _orphanedBy[by] = orphan = !await handovers.HandedOverAsync(council, by, cancellationToken);
        }

        return orphan;
    }

    /// <summary>Closes this partition's open findings that this sweep did not see (satisfied since): a later breach is a new finding.</summary>
    public async Task<int> CloseResolvedAsync(CancellationToken cancellationToken)
    {
        var closed = 0;
        // A finding claimed by a later sweep is not this sweep's to close: an older as-of cannot know it is resolved.
        foreach (var state in known.Values.Where(s => s.Open && !_seen.Contains(s.Key) && !s.Key.StartsWith(NoticePrefix, StringComparison.Ordinal) && !(s.ClaimedAt > asOf)))
        {
            // A conflict means another sweep is handling it; it will close it if still resolved.
            closed += await states.TryWriteAsync(state with { Open = false }, cancellationToken) is null ? 0 : 1;
        }

        return closed;
    }
}
