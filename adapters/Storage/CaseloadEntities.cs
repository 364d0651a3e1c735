using System.Collections.Immutable;
using Azure.Data.Tables;
using CpAlerts.Application.Import;
using CpAlerts.Application.Ports;
using CpAlerts.Domain.Records;
using NodaTime;
using NodaTime.Text;

namespace CpAlerts.Adapters.Storage;

/// <summary>
/// Records as table entities and back. A child's rows share its <see cref="CouncilPartition"/>, and
/// RowKey "{child}|{kind}|{natural key}" keeps them together there (kinds: C child, D dental, H health,
/// M missing, R review); natural keys make re-imports upsert the same rows. Dates are stored as ISO text: Table Storage has only UTC date-times.
/// </summary>
public static class CaseloadEntities
{
    private const string ChildKind = "C", DentalKind = "D", HealthKind = "H", MissingKind = "M", ReviewKind = "R";

    /// <summary>Where a child's own row is, for a point read.</summary>
    public static (string PartitionKey, string RowKey) ChildRowOf(string council, string childId) => (PartitionOf(council, childId), TableKeys.Join(childId, ChildKind));

    /// <summary>
    /// The filter for every row of one child: its partition, RowKeys from "{child}|" up to (not including) "{child}}"
    /// ('}' follows '|' in ordinal order, and an escaped id has no '|' of its own), so one range query, not a partition scan.
    /// </summary>
    public static string RowsOf(string council, string childId) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {PartitionOf(council, childId)} and RowKey ge {TableKeys.Escape(childId) + TableKeys.Separator} and RowKey lt {TableKeys.Escape(childId) + (char)(TableKeys.Separator + 1)}");

    public static TableEntity FromChild(string council, Child c) => new(PartitionOf(council, c.ChildId), TableKeys.Join(c.ChildId, ChildKind))
    {
        ["ChildId"] = c.ChildId,
        ["FirstName"] = c.FirstName,
        ["LastName"] = c.LastName,
        ["DateOfBirth"] = Date(c.DateOfBirth),
        ["LegalStatus"] = c.LegalStatus?.ToString(),
        ["Uasc"] = c.Uasc,
        ["PlacementArea"] = c.PlacementArea,
        ["ConsentStatus"] = c.ConsentStatus?.ToString(),
        ["EnteredCare"] = Date(c.EnteredCare),
        ["LeftCare"] = Date(c.LeftCare),
        ["SocialWorkerId"] = c.SocialWorkerId,
        ["IroId"] = c.IroId,
        ["PlacementIcb"] = c.PlacementIcb,
        ["NhsNumber"] = c.Referral.NhsNumber?.Digits,
        ["Sex"] = c.Referral.Sex?.ToString(),
        ["FirstLanguage"] = c.Referral.FirstLanguage,
        ["InterpreterNeeded"] = c.Referral.InterpreterNeeded,
        ["PlacementPostcodeDistrict"] = c.Referral.PlacementPostcodeDistrict,
        ["CarerName"] = c.Referral.CarerName,
        ["CarerPhone"] = c.Referral.CarerPhone,
        ["GpPractice"] = c.Referral.GpPractice,
        ["ConsentGivenBy"] = c.Referral.ConsentGivenBy,
        ["ConsentDate"] = Date(c.Referral.ConsentDate),
        // The rest of Part A: each value is bounded by the reader (at most 200 characters), so the entity stays far below
        // Table Storage's 64 KiB a property and 1 MiB an entity.
        ["Ethnicity"] = c.Referral.Identity.Ethnicity?.ToString(),
        ["Religion"] = c.Referral.Identity.Religion,
        ["GenderIdentity"] = c.Referral.Identity.GenderIdentity,
        ["ParentalResponsibility"] = c.Referral.Family.ParentalResponsibility,
        ["Parents"] = c.Referral.Family.Parents,
        ["ReasonForEnteringCare"] = c.Referral.Family.ReasonForEnteringCare?.ToString(),
        ["PlacementAddress"] = c.Referral.Placement.Address,
        ["PlacementStart"] = Date(c.Referral.Placement.StartDate),
        ["HealthNeeds"] = c.Referral.Health.HealthNeeds,
        ["Disability"] = c.Referral.Health.Disability,
        ["Allergies"] = c.Referral.Health.Allergies,
        ["Medication"] = c.Referral.Health.Medication,
        ["Immunisations"] = c.Referral.Health.Immunisations?.ToString(),
        ["School"] = c.Referral.School,
    };

    public static TableEntity FromHealthAssessment(string council, HealthAssessment h) =>
        new(PartitionOf(council, h.ChildId), TableKeys.Join(h.ChildId, HealthKind, h.Type.ToString(), Date(h.RequestedOn) ?? "", Date(h.CompletedOn) ?? ""))
        {
            ["ChildId"] = h.ChildId,
            ["Type"] = h.Type.ToString(),
            ["RequestedOn"] = Date(h.RequestedOn),
            ["CompletedOn"] = Date(h.CompletedOn),
        };

    public static TableEntity FromDentalCheck(string council, DentalCheck d) =>
        new(PartitionOf(council, d.ChildId), TableKeys.Join(d.ChildId, DentalKind, Date(d.CheckedOn)!))
        {
            ["ChildId"] = d.ChildId,
            ["CheckedOn"] = Date(d.CheckedOn),
        };

    public static TableEntity FromReview(string council, Review r) =>
        new(PartitionOf(council, r.ChildId), TableKeys.Join(r.ChildId, ReviewKind, Date(r.HeldOn)!, r.PermanencePlan ? "plan" : "noplan"))
        {
            ["ChildId"] = r.ChildId,
            ["HeldOn"] = Date(r.HeldOn),
            ["PermanencePlan"] = r.PermanencePlan,
        };

    public static TableEntity FromMissingEpisode(string council, MissingEpisode m) =>
        new(PartitionOf(council, m.ChildId), TableKeys.Join(m.ChildId, MissingKind, m.EpisodeId))
        {
            ["ChildId"] = m.ChildId,
            ["EpisodeId"] = m.EpisodeId,
            ["WentMissingAt"] = m.WentMissingAt.ToDateTimeOffset(),
            ["ReturnedAt"] = m.ReturnedAt?.ToDateTimeOffset(),
            ["RhiOfferedAt"] = m.RhiOfferedAt?.ToDateTimeOffset(),
            ["RhiCompletedAt"] = m.RhiCompletedAt?.ToDateTimeOffset(),
            ["RhiDeclined"] = m.RhiDeclined,
        };

    public static TableEntity FromStaff(string council, StaffMember s) => new(StaffPartition(council), TableKeys.Escape(s.StaffId))
    {
        ["StaffId"] = s.StaffId,
        ["Name"] = s.Name,
        ["Email"] = s.Email,
        ["Role"] = s.Role.ToString(),
        ["ManagerId"] = s.ManagerId,
        ["Team"] = s.Team,
        ["Phone"] = s.Phone?.Text,
    };

    public static StaffMember ToStaff(TableEntity e) => new(
        e.GetString("StaffId"), e.GetString("Name"), e.GetString("Email"),
        Enum.Parse<StaffRole>(e.GetString("Role")), e.GetString("ManagerId"), e.GetString("Team"))
    {
        Phone = e.GetString("Phone") is { } phone && PhoneNumber.TryParse(phone, out var number, out _) ? number : null,
    };

    /// <summary>The child id a caseload row belongs to (stored whole, so no need to unescape the RowKey).</summary>
    public static string ChildIdOf(TableEntity e) => e.GetString("ChildId");

    /// <summary>One child's rows (contiguous in a partition scan) back into records; null if the child row is missing.</summary>
    public static ChildRecords? ToChildRecords(IReadOnlyList<TableEntity> rows)
    {
        Child? child = null;
        var health = ImmutableArray.CreateBuilder<HealthAssessment>();
        var dental = ImmutableArray.CreateBuilder<DentalCheck>();
        var reviews = ImmutableArray.CreateBuilder<Review>();
        var missing = ImmutableArray.CreateBuilder<MissingEpisode>();
        foreach (var e in rows)
        {
            var childId = e.GetString("ChildId");
            switch (Kind(e.RowKey))
            {
                case ChildKind:
                    child = new Child(childId, e.GetString("FirstName"), e.GetString("LastName"), ToDate(e, "DateOfBirth")!.Value,
                        OptionalEnum<LegalStatus>(e, "LegalStatus"), e.GetBoolean("Uasc") ?? false, e.GetString("PlacementArea"),
                        OptionalEnum<ConsentStatus>(e, "ConsentStatus"), ToDate(e, "EnteredCare")!.Value, ToDate(e, "LeftCare"),
                        e.GetString("SocialWorkerId"))
                    {
                        IroId = e.GetString("IroId"),
                        PlacementIcb = e.GetString("PlacementIcb"),
                        Referral = new HealthReferral(
                            e.GetString("NhsNumber") is { } nhs && NhsNumber.TryParse(nhs, out var number, out _) ? number : null,
                            OptionalEnum<Sex>(e, "Sex"), e.GetString("FirstLanguage"), e.GetBoolean("InterpreterNeeded"), e.GetString("PlacementPostcodeDistrict"),
                            e.GetString("CarerName"), e.GetString("CarerPhone"), e.GetString("GpPractice"), e.GetString("ConsentGivenBy"), ToDate(e, "ConsentDate"))
                        {
                            Identity = new ChildIdentity(OptionalEnum<Ethnicity>(e, "Ethnicity"), e.GetString("Religion"), e.GetString("GenderIdentity")),
                            Family = new FamilyAndLegal(e.GetString("ParentalResponsibility"), e.GetString("Parents"), OptionalEnum<CategoryOfNeed>(e, "ReasonForEnteringCare")),
                            Placement = new PlacementDetails(e.GetString("PlacementAddress"), ToDate(e, "PlacementStart")),
                            Health = new KnownHealth(e.GetString("HealthNeeds"), e.GetString("Disability"), e.GetString("Allergies"), e.GetString("Medication"),
                                OptionalEnum<ImmunisationStatus>(e, "Immunisations")),
                            School = e.GetString("School"),
                        },
                    };
                    break;
                case HealthKind:
                    health.Add(new HealthAssessment(childId, Enum.Parse<AssessmentType>(e.GetString("Type")), ToDate(e, "RequestedOn"), ToDate(e, "CompletedOn")));
                    break;
                case DentalKind:
                    dental.Add(new DentalCheck(childId, ToDate(e, "CheckedOn")!.Value));
                    break;
                case ReviewKind:
                    reviews.Add(new Review(childId, ToDate(e, "HeldOn")!.Value, e.GetBoolean("PermanencePlan") ?? false));
                    break;
                case MissingKind:
                    missing.Add(new MissingEpisode(e.GetString("EpisodeId"), childId, ToInstant(e, "WentMissingAt")!.Value,
                        ToInstant(e, "ReturnedAt"), ToInstant(e, "RhiOfferedAt"), ToInstant(e, "RhiCompletedAt"), e.GetBoolean("RhiDeclined") ?? false));
                    break;
                default:
                    break; // a kind written by a newer version: ignored rather than failing the sweep
            }
        }

        return child is null ? null : new ChildRecords(child, health.ToImmutable(), dental.ToImmutable(), reviews.ToImmutable(), missing.ToImmutable());
    }

    /// <summary>Every entity one export produces, for one council.</summary>
    public static IEnumerable<TableEntity> CaseloadOf(string council, CpAlerts.Application.Import.RecordExport export) =>
        export.Children.Select(c => FromChild(council, c))
            .Concat(export.HealthAssessments.Select(h => FromHealthAssessment(council, h)))
            .Concat(export.DentalChecks.Select(d => FromDentalCheck(council, d)))
            .Concat(export.Reviews.Select(r => FromReview(council, r)))
            .Concat(export.MissingEpisodes.Select(m => FromMissingEpisode(council, m)));

    /// <summary>A council's staff list is small and read whole: one partition.</summary>
    public static string StaffPartition(string council) => TableKeys.Escape(council);

    private static string PartitionOf(string council, string childId) => CouncilPartition.Of(council, childId).Key;

    private static string Kind(string rowKey) => rowKey.Split(TableKeys.Separator)[1];

    /// <summary>What kind of record a caseload row holds, from its RowKey.</summary>
    public static RecordKind KindOf(string rowKey) => Kind(rowKey) switch
    {
        ChildKind => RecordKind.Child,
        HealthKind => RecordKind.HealthAssessment,
        DentalKind => RecordKind.DentalCheck,
        ReviewKind => RecordKind.Review,
        MissingKind => RecordKind.MissingEpisode,
        _ => RecordKind.Other,
    };

    /// <summary>Whether a stored row already holds the values an incoming one would write (system properties aside).</summary>
    public static bool SameValues(TableEntity incoming, TableEntity stored)
    {
        static bool System(string key) => key is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag";
        var a = incoming.Where(kv => !System(kv.Key) && kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value);
        var b = stored.Where(kv => !System(kv.Key) && kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value);
        return a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var other) && Equals(Normal(kv.Value), Normal(other)));
    }

    // Table Storage gives back a DateTimeOffset in UTC and may widen an int; compare like with like.
    private static object? Normal(object? value) => value switch
    {
        DateTimeOffset d => d.UtcDateTime,
        DateTime d => d.ToUniversalTime(),
        int i => (long)i,
        _ => value,
    };

    private static string? Date(LocalDate? date) => date is { } d ? LocalDatePattern.Iso.Format(d) : null;

    private static LocalDate? ToDate(TableEntity e, string property) =>
        e.GetString(property) is { } text ? LocalDatePattern.Iso.Parse(text).Value : null;

    private static Instant? ToInstant(TableEntity e, string property) =>
        e.GetDateTimeOffset(property) is { } value ? Instant.FromDateTimeOffset(value) : null;

    private static T? OptionalEnum<T>(TableEntity e, string property)
        where T : struct, System.Enum =>
        e.GetString(property) is { } text ? System.Enum.Parse<T>(text) : null;
}
