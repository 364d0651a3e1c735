namespace CpAlerts.Domain.Records;

/// <summary>
/// Who the child is, beyond name and date of birth, as the CoramBAAF IHA referral (Part A) asks: so the assessment
/// can respect the child's culture, faith and identity. Every value optional ("not recorded").
/// </summary>
/// <param name="Ethnicity">The child's ethnicity (the DfE return's categories).</param>
/// <param name="Religion">The child's religion or faith as recorded ("Muslim", "No religion").</param>
/// <param name="GenderIdentity">The child's gender identity as recorded, where it differs from or adds to sex.</param>
public sealed record ChildIdentity(Ethnicity? Ethnicity, string? Religion, string? GenderIdentity)
{
    /// <summary>Nothing recorded.</summary>
    public static ChildIdentity None { get; } = new(null, null, null);
}
