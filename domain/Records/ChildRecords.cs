using System.Collections.Immutable;

namespace CpAlerts.Domain.Records;

/// <summary>Everything the rules read about one child: the unit the rules engine evaluates.</summary>
/// <param name="Child">The child and their current care episode.</param>
/// <param name="HealthAssessments">The child's initial and review health assessments.</param>
/// <param name="DentalChecks">The child's dental checks.</param>
/// <param name="Reviews">The child's looked-after reviews.</param>
/// <param name="MissingEpisodes">The times the child went missing.</param>
public sealed record ChildRecords(
    Child Child,
    ImmutableArray<HealthAssessment> HealthAssessments,
    ImmutableArray<DentalCheck> DentalChecks,
    ImmutableArray<Review> Reviews,
    ImmutableArray<MissingEpisode> MissingEpisodes)
{
    /// <summary>A child with no records yet.</summary>
    public static ChildRecords Of(Child child) => new(child, [], [], [], []);
}
