using System.Collections.Immutable;
using CpAlerts.Application.Import;
using CpAlerts.Domain.Records;
using NodaTime;

namespace CpAlerts.Adapters.Csv;

/// <summary>
/// Reads an export folder into records. Every bad row is reported and left out whole; good rows are
/// kept, so nothing valid is lost because a neighbour row was bad.
/// </summary>
public static class RecordExportReader
{
    /// <summary>
    /// Reads the folder. Throws <see cref="DirectoryNotFoundException"/> or <see cref="FileNotFoundException"/>
    /// when there is no export to read. <paramref name="today"/>: entering care more than a year after it is a typo.
    /// </summary>
    public static RecordExport ReadFolder(string folder, LocalDate? today = null)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The export folder '{folder}' does not exist. Pass --data with the folder holding children.csv.");
        }

        if (!File.Exists(Path.Combine(folder, ExportFiles.Children)))
        {
            throw new FileNotFoundException($"'{folder}' has no {ExportFiles.Children}: an export needs at least the children file.");
        }

        return Read(name =>
        {
            var path = Path.Combine(folder, name);
            return File.Exists(path) ? CsvFileReader.Open(path) : null;
        }, today);
    }

    /// <summary>Reads an export from any source of files (a missing file is null: no rows of that kind, and the export is not complete).</summary>
    public static RecordExport Read(Func<string, TextReader?> open, LocalDate? today = null)
    {
        var rejected = new List<RejectedRow>();
        var notes = new List<string>();
        var files = new Dictionary<string, int?>(StringComparer.Ordinal);
        var latestEntry = today?.PlusYears(1) ?? ValueParsers.LatestDate;

        var children = ReadFile(open, ExportFiles.Children, rejected, (files, notes), row => ParseChild(row, latestEntry), c => c.ChildId, "child_id");
        var staff = ReadFile(open, ExportFiles.Staff, rejected, (files, notes), ParseStaff, s => s.StaffId, "staff_id");
        var childIds = children.Select(c => c.ChildId).ToHashSet(StringComparer.Ordinal);

        // Rows about a child are checked against the children that were accepted.
        void KnownChild(CsvRow row, string childId)
        {
            if (!childIds.Contains(childId))
            {
                row.Reject("child_id", $"unknown child {ValueParsers.Shown(childId)} (not in {ExportFiles.Children}, or its row there was rejected)");
            }
        }

        var health = ReadFile(open, ExportFiles.HealthAssessments, rejected, (files, notes), row =>
        {
            var record = new HealthAssessment(
                row.RequiredId("child_id"),
                row.Choice("type", ExportCodes.AssessmentTypes, required: true) ?? default,
                row.OptionalDate("requested_on"),
                row.OptionalDate("completed_on"));
            KnownChild(row, record.ChildId);
            return record;
        });
        var dental = ReadFile(open, ExportFiles.DentalChecks, rejected, (files, notes), row =>
        {
            var record = new DentalCheck(row.RequiredId("child_id"), row.RequiredDate("checked_on"));
            KnownChild(row, record.ChildId);
            return record;
        });
        var reviews = ReadFile(open, ExportFiles.Reviews, rejected, (files, notes), row =>
        {
            var record = new Review(row.RequiredId("child_id"), row.RequiredDate("held_on"), row.Boolean("permanence_plan"));
            KnownChild(row, record.ChildId);
            return record;
        });
        var missing = ReadFile(open, ExportFiles.MissingEpisodes, rejected, (files, notes), row =>
        {
            var record = ParseMissingEpisode(row);
            KnownChild(row, record.ChildId);
            return record;
        }, e => e.EpisodeId, "episode_id");

        return new RecordExport(children, staff, health, dental, reviews, missing, [.. rejected]) { Files = files.ToImmutableDictionary(), Notes = [.. notes] };
    }

    private static ImmutableArray<T> ReadFile<T>(
        Func<string, TextReader?> open,
        string file,
        List<RejectedRow> rejected,
        (Dictionary<string, int?> Rows, List<string> Notes) files,
        Func<CsvRow, T> parse,
        Func<T, string>? id = null,
        string? idColumn = null)
    {
        using var reader = open(file);
        if (reader is null)
        {
            files.Rows[file] = null;
            return [];
        }

        var accepted = ImmutableArray.CreateBuilder<T>();
        var firstLineOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = 0;
        foreach (var row in CsvFileReader.Read(reader, file, ExportFiles.RequiredColumns[file], rejected, knownColumns: ExportFiles.KnownColumns[file], notes: files.Notes, detailColumns: ExportFiles.DetailColumns[file]))
        {
            rows++;
            var record = parse(row);
            if (row.IsValid && id is not null && !firstLineOfId.TryAdd(id(record), row.Line))
            {
                row.Reject(idColumn, $"duplicate {idColumn} (first seen on line {firstLineOfId[id(record)]}); this row was not used");
            }

            if (row.IsValid)
            {
                accepted.Add(record);
                files.Notes.AddRange(row.SetAside);
            }
            else
            {
                rejected.AddRange(row.Problems);
            }
        }

        files.Rows[file] = rows;
        return accepted.ToImmutable();
    }

    private static Child ParseChild(CsvRow row, LocalDate latestEntry)
    {
        var child = new Child(
            row.RequiredId("child_id"),
            row.Text("first_name"),
            row.Text("last_name"),
            row.RequiredDate("date_of_birth"),
            row.Choice("legal_status", ExportCodes.LegalStatuses),
            row.Boolean("uasc"),
            row.Text("placement_area"),
            row.Choice("consent_status", ExportCodes.ConsentStatuses),
            row.RequiredDate("entered_care"),
            row.OptionalDate("left_care"),
            row.Id("social_worker_id"))
        {
            IroId = row.Id("iro_id"),
            PlacementIcb = row.Optional("placement_icb", IcbCode) is { } icb ? icb.Code : null,
            Referral = Referral(row, latestEntry),
        };
        if (row.IsValid && child.EnteredCare > latestEntry)
        {
            row.Reject("entered_care", $"entering care more than a year ahead (after {latestEntry:yyyy-MM-dd})");
        }

        if (row.IsValid && child.DateOfBirth > child.EnteredCare)
        {
            row.Reject("date_of_birth", "date of birth is after entering care");
        }

        if (row.IsValid && child.LeftCare < child.EnteredCare)
        {
            row.Reject("left_care", "left care before entering care");
        }

        // A placement of this care episode cannot begin before it: the date is a typo or another episode's, so it is left
        // out (the health team would otherwise read a placement older than the child's time in care).
        if (child.Referral.Placement.StartDate < child.EnteredCare)
        {
            row.LeaveOut("placement_start", "the placement starts before the child entered care");
            child = child with { Referral = child.Referral with { Placement = child.Referral.Placement with { StartDate = null } } };
        }

        return child;
    }

    /// <summary>Bounds of the IHA request's free text (docs/data-format.md): a short identity word, or a sentence or two.</summary>
    private const int ShortText = 60, Sentence = CsvRow.MaxTextLength;

    /// <summary>
    /// The optional columns the health team's IHA request shows (docs/data-format.md, "IHA request details"). A wrong value is
    /// left out and noted (never quoted); the child's row is still used. <paramref name="latestEntry"/>: a placement
    /// starting after it is a typo, as for entering care.
    /// </summary>
    private static HealthReferral Referral(CsvRow row, LocalDate latestEntry) => new(
        row.Optional("nhs_number", text => NhsNumber.TryParse(text, out var number, out var reason) ? (number, null) : ((NhsNumber?)null, reason)),
        row.Optional("sex", text => Coded(ExportCodes.Sexes, text)),
        row.OptionalText("first_language", ShortText),
        row.Optional("interpreter_needed", text => ValueParsers.TryBoolean(text, out var b, out var reason, withhold: true) ? (b, null) : ((bool?)null, reason)),
        row.Optional("placement_postcode_district", PostcodeDistrict) is { } district ? district.Text : null,
        row.OptionalText("carer_name"),
        row.OptionalText("carer_phone", 30),
        row.OptionalText("gp_practice"),
        row.OptionalText("consent_given_by", 100),
        row.Optional("consent_date", OptionalDate))
    {
        Identity = new ChildIdentity(
            row.Optional("ethnicity", text => Coded(ExportCodes.Ethnicities, text)),
            row.OptionalText("religion", ShortText),
            row.OptionalText("gender_identity", ShortText)),
        Family = new FamilyAndLegal(
            row.OptionalText("parental_responsibility", Sentence),
            row.OptionalText("parents", Sentence),
            row.Optional("category_of_need", text => Coded(ExportCodes.CategoriesOfNeed, text))),
        // The full address goes to the health team only, who write to the placement with the appointment.
        Placement = new PlacementDetails(
            row.OptionalText("placement_address", Sentence),
            row.Optional("placement_start", text => PlacementStart(text, latestEntry))),
        Health = new KnownHealth(
            row.OptionalText("health_needs", Sentence),
            row.OptionalText("disability", Sentence),
            row.OptionalText("allergies", Sentence),
            row.OptionalText("medication", Sentence),
            row.Optional("immunisations", text => Coded(ExportCodes.Immunisations, text))),
        School = row.OptionalText("school", Sentence),
    };

    /// <summary>A value from a closed list of codes (read in any case); the problem lists the codes, never the value.</summary>
    private static (T?, string?) Coded<T>(IReadOnlyDictionary<string, T> codes, string text)
        where T : struct =>
        codes.TryGetValue(text, out var value) ? (value, null) : (null, $"unknown value (expected one of {string.Join(", ", codes.Keys)})");

    private static (LocalDate?, string?) OptionalDate(string text) =>
        ValueParsers.TryDate(text, out var date, out var reason, withhold: true) ? (date, null) : (null, reason);

    /// <summary>An ISO date no later than entering care may be (a year after today); before entering care is checked with the row.</summary>
    private static (LocalDate?, string?) PlacementStart(string text, LocalDate latestEntry) => OptionalDate(text) switch
    {
        ({ } start, _) when start > latestEntry => (null, $"the placement starts more than a year ahead (after {latestEntry:yyyy-MM-dd})"),
        var parsed => parsed,
    };

    private readonly record struct Icb(string Code);

    private readonly record struct District(string Text);

    /// <summary>An ICB code as the NHS publishes it: three to five letters and digits (e.g. QYG), upper-cased.</summary>
    private static (Icb?, string?) IcbCode(string text) =>
        CpAlerts.Application.Configuration.HealthTeamMailboxes.IsIcbCode(text) ? (new Icb(text.ToUpperInvariant()), null) : (null, "not an ICB code (three to five letters and digits, e.g. QYG)");

    /// <summary>Only the outward part of a postcode ("CW1"): where the child lives at a glance (the full address is placement_address).</summary>
    private static (District?, string?) PostcodeDistrict(string text) =>
        System.Text.RegularExpressions.Regex.IsMatch(text, "^[A-Za-z]{1,2}[0-9][A-Za-z0-9]?$") ? (new District(text.ToUpperInvariant()), null)
        : (null, "not a postcode district (only the first part of a postcode, e.g. CW1)");

    private static StaffMember ParseStaff(CsvRow row)
    {
        var member = new StaffMember(
            row.RequiredId("staff_id"),
            row.RequiredText("name"),
            row.Text("email", CpAlerts.Application.Configuration.EmailAddresses.MaxLength),
            row.Choice("role", ExportCodes.Roles, required: true) ?? default,
            row.Id("manager_id"),
            row.Text("team"))
        {
            // For the IHA request only: a wrong number is left out and noted, and the member of staff is still read.
            Phone = row.Optional("phone", text => PhoneNumber.TryParse(text, out var phone, out var reason) ? (phone, null) : ((PhoneNumber?)null, reason)),
        };
        if (member.Email is { } email && !CpAlerts.Application.Configuration.EmailAddresses.IsValid(email))
        {
            row.Reject("email", "not a valid email address");
        }

        return member;
    }

    private static MissingEpisode ParseMissingEpisode(CsvRow row)
    {
        var episode = new MissingEpisode(
            row.RequiredId("episode_id"),
            row.RequiredId("child_id"),
            row.RequiredInstant("went_missing_at"),
            row.OptionalInstant("returned_at"),
            row.OptionalInstant("rhi_offered_at"),
            row.OptionalInstant("rhi_completed_at"),
            row.Boolean("rhi_declined"));
        if (row.IsValid && episode.ReturnedAt < episode.WentMissingAt)
        {
            row.Reject("returned_at", "returned before going missing");
        }

        return episode;
    }
}
