using NodaTime;

namespace CpAlerts.Domain.Records;

/// <summary>A dental check a child had; the next is due 12 months later by default.</summary>
/// <param name="ChildId">The child's case reference.</param>
/// <param name="CheckedOn">The date of the check.</param>
public sealed record DentalCheck(string ChildId, LocalDate CheckedOn);
