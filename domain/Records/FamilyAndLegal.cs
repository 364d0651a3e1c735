namespace CpAlerts.Domain.Records;

/// <summary>
/// The child's family and why they are in care, as the CoramBAAF IHA referral (Part A) asks: the health team needs
/// to know who holds parental responsibility (who can consent, who is told) and the history behind the assessment.
/// </summary>
/// <param name="ParentalResponsibility">Who holds parental responsibility, in the council's words ("Mother and the council (care order)").</param>
/// <param name="Parents">The child's parents as recorded (names, or "father not known").</param>
/// <param name="ReasonForEnteringCare">Why the child entered care (the DfE category of need).</param>
public sealed record FamilyAndLegal(string? ParentalResponsibility, string? Parents, CategoryOfNeed? ReasonForEnteringCare)
{
    /// <summary>Nothing recorded.</summary>
    public static FamilyAndLegal None { get; } = new(null, null, null);
}
