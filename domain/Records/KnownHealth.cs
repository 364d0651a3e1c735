namespace CpAlerts.Domain.Records;

/// <summary>
/// What the council already knows of the child's health, as the CoramBAAF IHA referral (Part A) asks, so the doctor
/// comes prepared: every value optional ("not recorded"), in the council's words.
/// </summary>
/// <param name="HealthNeeds">Known health needs or conditions ("Asthma").</param>
/// <param name="Disability">Any disability, diagnosed or suspected.</param>
/// <param name="Allergies">Known allergies ("Penicillin"), or "None known".</param>
/// <param name="Medication">Current medication.</param>
/// <param name="Immunisations">Whether immunisations are up to date.</param>
public sealed record KnownHealth(string? HealthNeeds, string? Disability, string? Allergies, string? Medication, ImmunisationStatus? Immunisations)
{
    /// <summary>Nothing recorded.</summary>
    public static KnownHealth None { get; } = new(null, null, null, null, null);
}
