namespace CpAlerts.Domain.Records;

/// <summary>
/// Why the child entered care: the category of need of the Department for Education's children looked after (SSDA903)
/// return, N1 to N8 (optional <c>category_of_need</c> in children.csv, <see cref="ExportCodes.CategoriesOfNeed"/>). The
/// IHA request shows it in words.
/// </summary>
public enum CategoryOfNeed
{
    /// <summary>N1: abuse or neglect.</summary>
    AbuseOrNeglect,

    /// <summary>N2: the child's disability.</summary>
    ChildsDisability,

    /// <summary>N3: parental illness or disability.</summary>
    ParentalIllnessOrDisability,

    /// <summary>N4: family in acute stress.</summary>
    FamilyInAcuteStress,

    /// <summary>N5: family dysfunction.</summary>
    FamilyDysfunction,

    /// <summary>N6: socially unacceptable behaviour.</summary>
    SociallyUnacceptableBehaviour,

    /// <summary>N7: low income.</summary>
    LowIncome,

    /// <summary>N8: absent parenting (for example, an unaccompanied asylum-seeking child).</summary>
    AbsentParenting,
}
