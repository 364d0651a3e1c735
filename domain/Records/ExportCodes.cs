using System.Collections.ObjectModel;

namespace CpAlerts.Domain.Records;

/// <summary>
/// The codes the case-management export uses for each coded column (docs/data-format.md), written once: the importer
/// reads them, and the synthetic export and the IHA report's spreadsheet write them, so a spreadsheet says
/// CARE_ORDER as the export does.
/// </summary>
public static class ExportCodes
{
    /// <summary>legal_status.</summary>
    public static ReadOnlyDictionary<string, LegalStatus> LegalStatuses { get; } = new Dictionary<string, LegalStatus>
    {
        ["S20"] = LegalStatus.S20,
        ["CARE_ORDER"] = LegalStatus.CareOrder,
        ["INTERIM_CARE_ORDER"] = LegalStatus.InterimCareOrder,
        ["PLACEMENT_ORDER"] = LegalStatus.PlacementOrder,
        ["REMAND"] = LegalStatus.Remand,
        ["OTHER"] = LegalStatus.Other,
    }.AsReadOnly();

    /// <summary>consent_status.</summary>
    public static ReadOnlyDictionary<string, ConsentStatus> ConsentStatuses { get; } = new Dictionary<string, ConsentStatus>
    {
        ["GIVEN"] = ConsentStatus.Given,
        ["PENDING"] = ConsentStatus.Pending,
        ["REFUSED"] = ConsentStatus.Refused,
    }.AsReadOnly();

    /// <summary>health_assessments.csv's type.</summary>
    public static ReadOnlyDictionary<string, AssessmentType> AssessmentTypes { get; } = new Dictionary<string, AssessmentType>
    {
        ["IHA"] = AssessmentType.Iha,
        ["RHA"] = AssessmentType.Rha,
    }.AsReadOnly();

    /// <summary>sex (read in any case).</summary>
    public static ReadOnlyDictionary<string, Sex> Sexes { get; } = new Dictionary<string, Sex>
    {
        ["FEMALE"] = Sex.Female,
        ["MALE"] = Sex.Male,
        ["OTHER"] = Sex.Other,
        ["NOT_KNOWN"] = Sex.NotKnown,
    }.ToDictionary(StringComparer.OrdinalIgnoreCase).AsReadOnly();

    /// <summary>ethnicity (read in any case): the DfE's codes for the children looked after (SSDA903) and children in need returns.</summary>
    public static ReadOnlyDictionary<string, Ethnicity> Ethnicities { get; } = new Dictionary<string, Ethnicity>
    {
        ["WBRI"] = Ethnicity.WhiteBritish,
        ["WIRI"] = Ethnicity.WhiteIrish,
        ["WIRT"] = Ethnicity.TravellerOfIrishHeritage,
        ["WOTH"] = Ethnicity.AnyOtherWhite,
        ["WROM"] = Ethnicity.GypsyOrRoma,
        ["MWBC"] = Ethnicity.WhiteAndBlackCaribbean,
        ["MWBA"] = Ethnicity.WhiteAndBlackAfrican,
        ["MWAS"] = Ethnicity.WhiteAndAsian,
        ["MOTH"] = Ethnicity.AnyOtherMixed,
        ["AIND"] = Ethnicity.Indian,
        ["APKN"] = Ethnicity.Pakistani,
        ["ABAN"] = Ethnicity.Bangladeshi,
        ["AOTH"] = Ethnicity.AnyOtherAsian,
        ["BCRB"] = Ethnicity.BlackCaribbean,
        ["BAFR"] = Ethnicity.BlackAfrican,
        ["BOTH"] = Ethnicity.AnyOtherBlack,
        ["CHNE"] = Ethnicity.Chinese,
        ["OOTH"] = Ethnicity.AnyOtherEthnicGroup,
        ["REFU"] = Ethnicity.Refused,
        ["NOBT"] = Ethnicity.NotYetObtained,
    }.ToDictionary(StringComparer.OrdinalIgnoreCase).AsReadOnly();

    /// <summary>
    /// category_of_need (read in any case): the SSDA903 codes N1–N8. Only the codes: every case-management system that
    /// makes the DfE return has them, while the words are spelt a dozen ways; the IHA request shows the words.
    /// </summary>
    public static ReadOnlyDictionary<string, CategoryOfNeed> CategoriesOfNeed { get; } = new Dictionary<string, CategoryOfNeed>
    {
        ["N1"] = CategoryOfNeed.AbuseOrNeglect,
        ["N2"] = CategoryOfNeed.ChildsDisability,
        ["N3"] = CategoryOfNeed.ParentalIllnessOrDisability,
        ["N4"] = CategoryOfNeed.FamilyInAcuteStress,
        ["N5"] = CategoryOfNeed.FamilyDysfunction,
        ["N6"] = CategoryOfNeed.SociallyUnacceptableBehaviour,
        ["N7"] = CategoryOfNeed.LowIncome,
        ["N8"] = CategoryOfNeed.AbsentParenting,
    }.ToDictionary(StringComparer.OrdinalIgnoreCase).AsReadOnly();

    /// <summary>immunisations (read in any case).</summary>
    public static ReadOnlyDictionary<string, ImmunisationStatus> Immunisations { get; } = new Dictionary<string, ImmunisationStatus>
    {
        ["UP_TO_DATE"] = ImmunisationStatus.UpToDate,
        ["NOT_UP_TO_DATE"] = ImmunisationStatus.NotUpToDate,
        ["NOT_KNOWN"] = ImmunisationStatus.NotKnown,
    }.ToDictionary(StringComparer.OrdinalIgnoreCase).AsReadOnly();

    /// <summary>staff.csv's role: the role's own name (SocialWorker, TeamManager, …).</summary>
    public static ReadOnlyDictionary<string, StaffRole> Roles { get; } =
        Enum.GetValues<StaffRole>().ToDictionary(r => r.ToString(), r => r, StringComparer.Ordinal).AsReadOnly();

    /// <summary>The export's code for a value; null for none.</summary>
    public static string? Code(LegalStatus? value) => value is { } v ? LegalStatuses.Single(kv => kv.Value == v).Key : null;

    /// <summary>The export's code for a value; null for none.</summary>
    public static string? Code(ConsentStatus? value) => value is { } v ? ConsentStatuses.Single(kv => kv.Value == v).Key : null;

    /// <summary>The export's code for a value.</summary>
    public static string Code(AssessmentType value) => AssessmentTypes.Single(kv => kv.Value == value).Key;

    /// <summary>The export's code for a value; null for none.</summary>
    public static string? Code(Sex? value) => value is { } v ? Sexes.Single(kv => kv.Value == v).Key : null;

    /// <summary>The export's code for a value; null for none.</summary>
    public static string? Code(Ethnicity? value) => value is { } v ? Ethnicities.Single(kv => kv.Value == v).Key : null;

    /// <summary>The export's code for a value; null for none.</summary>
    public static string? Code(CategoryOfNeed? value) => value is { } v ? CategoriesOfNeed.Single(kv => kv.Value == v).Key : null;

    /// <summary>The export's code for a value; null for none.</summary>
    public static string? Code(ImmunisationStatus? value) => value is { } v ? Immunisations.Single(kv => kv.Value == v).Key : null;
}
