using NodaTime;

namespace CpAlerts.Domain.Records;

/// <summary>A missing episode; a return home interview is due within 72 hours of the child returning.</summary>
public sealed record MissingEpisode(
    string EpisodeId,
    string ChildId,
    Instant WentMissingAt,
    Instant? ReturnedAt,
    Instant? RhiOfferedAt,
    Instant? RhiCompletedAt,
    bool RhiDeclined);
