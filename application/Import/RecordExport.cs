using System.Collections.Immutable;
using CpAlerts.Domain.Records;

namespace CpAlerts.Application.Import;

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
    /// <summary>Each export file read: its data rows (0: present with only its header), or null when the file was missing.</summary>
    public ImmutableDictionary<string, int?> Files { get; init; } = ImmutableDictionary<string, int?>.Empty;

    /// <summary>What a person should know about the export that is not a rejected row (columns absent or ignored).</summary>
    public ImmutableArray<string> Notes { get; init; } = [];

    public bool IsFullyValid => Rejected.IsEmpty;

    /// <summary>The files of DATA-FORMAT.md that were not in the export.</summary>
    public IReadOnlyList<string> MissingFiles => [.. ExportFiles.RequiredColumns.Keys.Where(f => !Files.TryGetValue(f, out var rows) || rows is null)];

    /// <summary>Every file present and every row valid: only then may an import remove what the export no longer lists.</summary>
    public bool IsComplete => IsFullyValid && MissingFiles.Count == 0;

    public Caseload ToCaseload() =>
        Caseload.Assemble(Children, Staff, HealthAssessments, DentalChecks, Reviews, MissingEpisodes);
}
