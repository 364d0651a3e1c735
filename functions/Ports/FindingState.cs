using NodaTime;

namespace CpAlerts.Functions.Ports;

/// <summary>
/// What the pipeline remembers about one finding (or one IHA request notice): the highest level whose
/// audiences have been claimed for notification, by which sweep run and when, and whether it is open.
/// <see cref="Version"/> is the store's concurrency token (null: not stored yet).
/// </summary>
public sealed record FindingState(
    string Council,
    string Key,
    string ChildId,
    int ClaimedLevel,
    int ClaimedFrom,
    string? ClaimedBy,
    Instant? ClaimedAt,
    bool Open,
    string? Version)
{
    public const int NothingClaimed = -1;

    public static FindingState New(string council, string key, string childId) =>
        new(council, key, childId, NothingClaimed, NothingClaimed, null, null, true, null);
}
