using System.Collections.Immutable;

namespace CpAlerts.Domain.Records;

/// <summary>One council's records: its children with their records, and its staff.</summary>
/// <param name="Children">Each child with their health assessments, dental checks, reviews and missing episodes.</param>
/// <param name="Staff">The council's staff, for finding who to tell.</param>
public sealed record Caseload(ImmutableArray<ChildRecords> Children, ImmutableArray<StaffMember> Staff)
{
    /// <summary>Groups flat record lists by child; rows for children not in <paramref name="children"/> are dropped.</summary>
    public static Caseload Assemble(
        IEnumerable<Child> children,
        IEnumerable<StaffMember> staff,
        IEnumerable<HealthAssessment> healthAssessments,
        IEnumerable<DentalCheck> dentalChecks,
        IEnumerable<Review> reviews,
        IEnumerable<MissingEpisode> missingEpisodes)
    {
        var health = healthAssessments.ToLookup(r => r.ChildId, StringComparer.Ordinal);
        var dental = dentalChecks.ToLookup(r => r.ChildId, StringComparer.Ordinal);
        var reviewsByChild = reviews.ToLookup(r => r.ChildId, StringComparer.Ordinal);
        var missing = missingEpisodes.ToLookup(r => r.ChildId, StringComparer.Ordinal);
        return new Caseload(
            [.. children.Select(c => new ChildRecords(
                c,
                [.. health[c.ChildId]],
                [.. dental[c.ChildId]],
                [.. reviewsByChild[c.ChildId]],
                [.. missing[c.ChildId]]))],
            [.. staff]);
    }
}
