using CpAlerts.Domain.Escalation;
using NodaTime;

namespace CpAlerts.Application.Ports;

/// <summary>
/// What the pipeline remembers about one finding (or one IHA request notice): the highest level whose
/// audiences have been claimed for notification, by which sweep run and when, and whether it is open.
/// <see cref="ClaimedLevel"/> is null while nothing has been claimed; <see cref="ClaimedFrom"/> is the level
/// claimed before this claim (null: none), so a re-run of the same sweep knows which levels it added.
/// <see cref="Version"/> is the store's concurrency token (null: not stored yet).
/// </summary>
public sealed record FindingState(
    string Council,
    string Key,
    string ChildId,
    EscalationLevel? ClaimedLevel,
    EscalationLevel? ClaimedFrom,
    string? ClaimedBy,
    Instant? ClaimedAt,
    bool Open,
    string? Version)
{
    public static FindingState New(string council, string key, string childId) =>
        new(council, key, childId, null, null, null, null, true, null);

    /// <summary>The levels above <paramref name="from"/> up to and including <paramref name="to"/>: what a claim from one to the other adds.</summary>
    public static IReadOnlyList<EscalationLevel> LevelsBetween(EscalationLevel? from, EscalationLevel to) =>
        [.. Enum.GetValues<EscalationLevel>().Where(l => (from is not { } f || l > f) && l <= to)];
}
