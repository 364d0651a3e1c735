using CpAlerts.Domain.Records;

namespace CpAlerts.Application.Ports;

/// <summary>A council's stored records, as the sweep and delivery read them.</summary>
public interface ICaseloadReader
{
    /// <summary>The codes of the councils with stored records.</summary>
    Task<IReadOnlyList<string>> ReadCouncilsAsync(CancellationToken cancellationToken = default);

    /// <summary>One partition's children with their records, one child at a time.</summary>
    IAsyncEnumerable<ChildRecords> ReadChildrenAsync(CouncilPartition partition, CancellationToken cancellationToken = default);

    /// <summary>Every child of the council, partition after partition.</summary>
    IAsyncEnumerable<ChildRecords> ReadChildrenAsync(string council, CancellationToken cancellationToken = default);

    /// <summary>The whole caseload in memory (the scorecard needs every child at once).</summary>
    Task<Caseload> ReadCaseloadAsync(string council, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<StaffMember>> ReadStaffAsync(string council, CancellationToken cancellationToken = default);

    Task<StaffMember?> ReadStaffMemberAsync(string council, string staffId, CancellationToken cancellationToken = default);

    /// <summary>The staff whose manager is <paramref name="managerId"/> (a team manager's team), without reading the rest.</summary>
    Task<IReadOnlyList<StaffMember>> ReadManagedByAsync(string council, string managerId, CancellationToken cancellationToken = default);

    /// <summary>Every council's staff record with this email address (any case), by council code: who is signing in, without reading every council's staff.</summary>
    Task<IReadOnlyList<(string Council, StaffMember Member)>> FindStaffByEmailAsync(string email, CancellationToken cancellationToken = default);

    /// <summary>One child with all their records (not a partition scan), or null when not stored.</summary>
    Task<ChildRecords?> ReadChildRecordsAsync(string council, string childId, CancellationToken cancellationToken = default);

    Task<Child?> ReadChildAsync(string council, string childId, CancellationToken cancellationToken = default);

    /// <summary>When the council's latest import started, or null before any: how old the records a digest shows are.</summary>
    Task<NodaTime.Instant?> ReadLastImportAsync(string council, CancellationToken cancellationToken = default);
}
