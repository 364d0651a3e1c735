using CpAlerts.Domain.Records;

namespace CpAlerts.Application.Wording;

/// <summary>
/// The IHA request's coded details in the health team's words: the export's codes (WBRI, N1, UP_TO_DATE) are the
/// council's and the DfE's, so the reader never sees one. A value not recorded reads as <see cref="CaseWords.NotRecorded"/>.
/// </summary>
public static class ReferralWords
{
    /// <summary>An ethnicity in the DfE's words: "White British", "Information not yet obtained".</summary>
    public static string Ethnicity(Ethnicity? ethnicity) => ethnicity switch
    {
        Domain.Records.Ethnicity.WhiteBritish => "White British",
        Domain.Records.Ethnicity.WhiteIrish => "White Irish",
        Domain.Records.Ethnicity.TravellerOfIrishHeritage => "Traveller of Irish heritage",
        Domain.Records.Ethnicity.AnyOtherWhite => "Any other White background",
        Domain.Records.Ethnicity.GypsyOrRoma => "Gypsy or Roma",
        Domain.Records.Ethnicity.WhiteAndBlackCaribbean => "Mixed: White and Black Caribbean",
        Domain.Records.Ethnicity.WhiteAndBlackAfrican => "Mixed: White and Black African",
        Domain.Records.Ethnicity.WhiteAndAsian => "Mixed: White and Asian",
        Domain.Records.Ethnicity.AnyOtherMixed => "Any other mixed background",
        Domain.Records.Ethnicity.Indian => "Asian or Asian British: Indian",
        Domain.Records.Ethnicity.Pakistani => "Asian or Asian British: Pakistani",
        Domain.Records.Ethnicity.Bangladeshi => "Asian or Asian British: Bangladeshi",
        Domain.Records.Ethnicity.AnyOtherAsian => "Any other Asian background",
        Domain.Records.Ethnicity.BlackCaribbean => "Black or Black British: Caribbean",
        Domain.Records.Ethnicity.BlackAfrican => "Black or Black British: African",
        Domain.Records.Ethnicity.AnyOtherBlack => "Any other Black background",
        Domain.Records.Ethnicity.Chinese => "Chinese",
        Domain.Records.Ethnicity.AnyOtherEthnicGroup => "Any other ethnic group",
        Domain.Records.Ethnicity.Refused => "Declined to say",
        Domain.Records.Ethnicity.NotYetObtained => "Information not yet obtained",
        _ => CaseWords.NotRecorded,
    };

    /// <summary>Why the child entered care, in the words of the DfE's categories of need: "Abuse or neglect".</summary>
    public static string ReasonForEnteringCare(CategoryOfNeed? need) => need switch
    {
        CategoryOfNeed.AbuseOrNeglect => "Abuse or neglect",
        CategoryOfNeed.ChildsDisability => "The child's disability",
        CategoryOfNeed.ParentalIllnessOrDisability => "Parental illness or disability",
        CategoryOfNeed.FamilyInAcuteStress => "Family in acute stress",
        CategoryOfNeed.FamilyDysfunction => "Family dysfunction",
        CategoryOfNeed.SociallyUnacceptableBehaviour => "Socially unacceptable behaviour",
        CategoryOfNeed.LowIncome => "Low income",
        CategoryOfNeed.AbsentParenting => "Absent parenting",
        _ => CaseWords.NotRecorded,
    };

    /// <summary>Whether immunisations are up to date: "Up to date", "Not up to date", "Not known".</summary>
    public static string Immunisations(ImmunisationStatus? status) => status switch
    {
        ImmunisationStatus.UpToDate => "Up to date",
        ImmunisationStatus.NotUpToDate => "Not up to date: please check what is missing",
        ImmunisationStatus.NotKnown => "Not known",
        _ => CaseWords.NotRecorded,
    };
}
