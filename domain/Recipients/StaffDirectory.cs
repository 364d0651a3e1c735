using System.Collections.Immutable;
using CpAlerts.Domain.Records;

namespace CpAlerts.Domain.Recipients;

/// <summary>The council's staff, looked up by id and by role.</summary>
public sealed class StaffDirectory
{
    private readonly ImmutableDictionary<string, StaffMember> _byId;
    private readonly ILookup<StaffRole, StaffMember> _byRole;

    /// <summary>Indexes the staff records by id and by role; a staff id listed twice throws.</summary>
    public StaffDirectory(IEnumerable<StaffMember> staff)
    {
        var all = staff.ToImmutableArray();
        _byId = all.ToImmutableDictionary(s => s.StaffId, StringComparer.Ordinal);
        _byRole = all.OrderBy(s => s.StaffId, StringComparer.Ordinal).ToLookup(s => s.Role);
    }

    /// <summary>The member of staff with this id (exact match), or null when the id is null or unknown.</summary>
    public StaffMember? Find(string? staffId) =>
        staffId is not null && _byId.TryGetValue(staffId, out var member) ? member : null;

    /// <summary>Everyone in the directory, in no particular order.</summary>
    public IEnumerable<StaffMember> All => _byId.Values;

    /// <summary>Everyone with the role, in staff id order; empty when nobody has it.</summary>
    public IEnumerable<StaffMember> WithRole(StaffRole role) => _byRole[role];
}
