using NodaTime;

namespace CpAlerts.Domain.Records;

/// <summary>A child in the council's care, with their current care episode.</summary>
/// <param name="ChildId">The council's case reference for the child.</param>
/// <param name="FirstName">First name, if recorded; emails show only the initial by default.</param>
/// <param name="LastName">Last name, if recorded; emails show only the initial by default.</param>
/// <param name="DateOfBirth">Date of birth.</param>
/// <param name="LegalStatus">The legal basis of the child's care (e.g. care order, section 20), if recorded.</param>
/// <param name="Uasc">Whether the child is an unaccompanied asylum-seeking child.</param>
/// <param name="PlacementArea">Where the child is placed, as the council records it; shown to the health team.</param>
/// <param name="ConsentStatus">The consent status the health team is told with the IHA request, if recorded.</param>
/// <param name="EnteredCare">The date the current care episode started: the date the timescales count from.</param>
/// <param name="LeftCare">The date the episode ended, or null while the child is still in care.</param>
/// <param name="SocialWorkerId">The staff id of the allocated social worker, or null when none is allocated.</param>
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
    /// <summary>The staff id of the child's allocated independent reviewing officer (optional `iro_id`), or null: then every IRO is told.</summary>
    public string? IroId { get; init; }

    /// <summary>
    /// The integrated care board (ICB) code of where the child is placed (optional `placement_icb`): when the
    /// council has a health team mailbox for it, that team is told instead of the council's own health team.
    /// </summary>
    public string? PlacementIcb { get; init; }

    /// <summary>What the health team needs to book the IHA (optional columns); <see cref="HealthReferral.None"/> when none are recorded.</summary>
    public HealthReferral Referral { get; init; } = HealthReferral.None;

    /// <summary>Evaluated when the episode has started by <paramref name="date"/> and not yet ended.</summary>
    public bool IsInCareOn(LocalDate date) => EnteredCare <= date && (LeftCare is null || LeftCare > date);

    /// <summary>First and last name as recorded ("" when neither is): shown only where the council allows names.</summary>
    public string FullName => $"{FirstName} {LastName}".Trim();

    /// <summary>What emails show instead of a name by default ("J. S."); "?" where a name is missing.</summary>
    public string Initials => InitialsOf(FirstName, LastName);

    /// <summary>"J. S." from a first and last name as recorded (the team view keeps names, not children).</summary>
    public static string InitialsOf(string? firstName, string? lastName) => $"{Initial(firstName)}. {Initial(lastName)}.";

    private static string Initial(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "?" : char.ToUpperInvariant(name.Trim()[0]).ToString();
}
