using NodaTime;

namespace CpAlerts.Domain.Records;

/// <summary>
/// Where the child lives now and since when: the health team writes to the placement with the appointment, and a
/// new placement explains missing health records.
/// </summary>
/// <param name="Address">The placement's address, one line ("12 Specimen Road, Northtown, ZZ1 1ZZ").</param>
/// <param name="StartDate">When the child's current placement began.</param>
public sealed record PlacementDetails(string? Address, LocalDate? StartDate)
{
    /// <summary>Nothing recorded.</summary>
    public static PlacementDetails None { get; } = new(null, null);
}
