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
}
