using System.Collections.Immutable;

namespace CpAlerts.Domain.Records;

/// <summary>Everything the rules read about one child: the unit the rules engine evaluates.</summary>
public sealed record ChildRecords(
    Child Child,
    ImmutableArray<HealthAssessment> HealthAssessments,
    ImmutableArray<DentalCheck> DentalChecks,
    ImmutableArray<Review> Reviews,
    ImmutableArray<MissingEpisode> MissingEpisodes)
{
    public static ChildRecords Of(Child child) => new(child, [], [], [], []);
}
