using NodaTime;

namespace CpAlerts.Domain.Records;

/// <summary>A child in the council's care, with their current care episode.</summary>
public sealed record Child(
    string ChildId,
    string? FirstName,
    string? LastName,
    LocalDate DateOfBirth,
    LegalStatus? LegalStatus,
    bool Uasc,
    string? PlacementArea,
    ConsentStatus? ConsentStatus,
    LocalDate EnteredCare,
    LocalDate? LeftCare,
    string? SocialWorkerId)
{
    /// <summary>Evaluated when the episode has started by <paramref name="date"/> and not yet ended.</summary>
    public bool IsInCareOn(LocalDate date) => EnteredCare <= date && (LeftCare is null || LeftCare > date);

    /// <summary>What emails show instead of a name by default ("J. S."); "?" where a name is missing.</summary>
    public string Initials => $"{Initial(FirstName)}. {Initial(LastName)}.";

    private static string Initial(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "?" : char.ToUpperInvariant(name.Trim()[0]).ToString();
}
