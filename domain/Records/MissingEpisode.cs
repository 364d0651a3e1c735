using NodaTime;

namespace CpAlerts.Domain.Records;

/// <summary>A missing episode; a return home interview is due within 72 hours of the child returning.</summary>
/// <param name="EpisodeId">The council's reference for the episode.</param>
/// <param name="ChildId">The child's case reference.</param>
/// <param name="WentMissingAt">When the child went missing.</param>
/// <param name="ReturnedAt">When the child returned, or null while still missing.</param>
/// <param name="RhiOfferedAt">When a return home interview was offered, if it has been.</param>
/// <param name="RhiCompletedAt">When the return home interview took place, if it has.</param>
/// <param name="RhiDeclined">Whether the child declined the interview; if so, the offer is no longer chased.</param>
public sealed record MissingEpisode(
    string EpisodeId,
    string ChildId,
    Instant WentMissingAt,
    Instant? ReturnedAt,
    Instant? RhiOfferedAt,
    Instant? RhiCompletedAt,
    bool RhiDeclined);
