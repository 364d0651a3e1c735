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

    /// <summary>When this care episode's IHA was first requested, if recorded on or before <paramref name="asOf"/> (records dated later are not known yet).</summary>
    public NodaTime.LocalDate? IhaRequestedOn(NodaTime.LocalDate asOf) =>
        HealthAssessments.Where(a => a.Type == AssessmentType.Iha && InThisEpisode(a.RequestedOn, asOf)).Select(a => a.RequestedOn).Min();

    /// <summary>Whether this care episode's IHA was completed on or before <paramref name="asOf"/>.</summary>
    public bool IhaCompletedBy(NodaTime.LocalDate asOf) =>
        HealthAssessments.Any(a => a.Type == AssessmentType.Iha && InThisEpisode(a.CompletedOn, asOf));

    private bool InThisEpisode(NodaTime.LocalDate? date, NodaTime.LocalDate asOf) => date is { } d && d >= Child.EnteredCare && d <= asOf;
}
