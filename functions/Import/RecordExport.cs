using System.Collections.Immutable;
using CpAlerts.Domain.Records;

namespace CpAlerts.Functions.Import;

/// <summary>The valid records of one export, and every row that was rejected.</summary>
public sealed record RecordExport(
    ImmutableArray<Child> Children,
    ImmutableArray<StaffMember> Staff,
    ImmutableArray<HealthAssessment> HealthAssessments,
    ImmutableArray<DentalCheck> DentalChecks,
    ImmutableArray<Review> Reviews,
    ImmutableArray<MissingEpisode> MissingEpisodes,
    ImmutableArray<RejectedRow> Rejected)
{
    public bool IsFullyValid => Rejected.IsEmpty;

    public Caseload ToCaseload() =>
        Caseload.Assemble(Children, Staff, HealthAssessments, DentalChecks, Reviews, MissingEpisodes);
}
