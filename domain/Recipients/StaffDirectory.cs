using System.Collections.Immutable;
using CpAlerts.Domain.Records;

namespace CpAlerts.Domain.Recipients;

/// <summary>The council's staff, looked up by id and by role.</summary>
public sealed class StaffDirectory
{
    private readonly ImmutableDictionary<string, StaffMember> _byId;
    private readonly ILookup<StaffRole, StaffMember> _byRole;

    public StaffDirectory(IEnumerable<StaffMember> staff)
    {
        var all = staff.ToImmutableArray();
        _byId = all.ToImmutableDictionary(s => s.StaffId, StringComparer.Ordinal);
        _byRole = all.OrderBy(s => s.StaffId, StringComparer.Ordinal).ToLookup(s => s.Role);
    }

    public StaffMember? Find(string? staffId) =>
        staffId is not null && _byId.TryGetValue(staffId, out var member) ? member : null;

    public IEnumerable<StaffMember> WithRole(StaffRole role) => _byRole[role];
}
