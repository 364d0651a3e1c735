using NodaTime;

namespace CpAlerts.Domain.Records;

/// <summary>
/// What the health team needs to book a child's initial health assessment, after the core of the CoramBAAF
/// IHA referral (Part A): every value optional (a council's export may not have it; the request then says
/// "not recorded"). Sent only in the IHA request to the health team, never in other emails. The core is positional;
/// the rest of Part A comes in groups as the request shows them (<see cref="Identity"/>, <see cref="Family"/>,
/// <see cref="Placement"/>, <see cref="Health"/>, <see cref="School"/>), each <c>None</c> until recorded.
/// </summary>
/// <param name="NhsNumber">The child's NHS number.</param>
/// <param name="Sex">The child's sex as recorded.</param>
/// <param name="FirstLanguage">The child's first language, e.g. "English", "Tigrinya".</param>
/// <param name="InterpreterNeeded">Whether an interpreter is needed at the assessment.</param>
/// <param name="PlacementPostcodeDistrict">The outward part of the placement's postcode ("CW1"), so the health team knows where the child lives without the address.</param>
/// <param name="CarerName">The carer's name, to arrange the appointment.</param>
/// <param name="CarerPhone">The carer's phone number.</param>
/// <param name="GpPractice">The child's GP practice, as recorded.</param>
/// <param name="ConsentGivenBy">Who gave consent to the assessment (e.g. "Mother", "The council under the care order").</param>
/// <param name="ConsentDate">When consent was given.</param>
public sealed record HealthReferral(
    NhsNumber? NhsNumber,
    Sex? Sex,
    string? FirstLanguage,
    bool? InterpreterNeeded,
    string? PlacementPostcodeDistrict,
    string? CarerName,
    string? CarerPhone,
    string? GpPractice,
    string? ConsentGivenBy,
    LocalDate? ConsentDate)
{
    /// <summary>Nothing recorded.</summary>
    public static HealthReferral None { get; } = new(null, null, null, null, null, null, null, null, null, null);

    /// <summary>Ethnicity, religion and gender identity.</summary>
    public ChildIdentity Identity { get; init; } = ChildIdentity.None;

    /// <summary>Who holds parental responsibility, the parents, and why the child entered care.</summary>
    public FamilyAndLegal Family { get; init; } = FamilyAndLegal.None;

    /// <summary>The placement's address and start date.</summary>
    public PlacementDetails Placement { get; init; } = PlacementDetails.None;

    /// <summary>Known health needs, disability, allergies, medication and immunisations.</summary>
    public KnownHealth Health { get; init; } = KnownHealth.None;

    /// <summary>The child's school or other education setting, as recorded.</summary>
    public string? School { get; init; }
}
