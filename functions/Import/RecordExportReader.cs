using System.Collections.Immutable;
using CpAlerts.Domain.Records;

namespace CpAlerts.Functions.Import;

/// <summary>
/// Reads an export folder into records. Every bad row is reported and left out whole; good rows are
/// kept, so nothing valid is lost because a neighbour row was bad.
/// </summary>
public static class RecordExportReader
{
    private static readonly Dictionary<string, LegalStatus> LegalStatuses = new()
    {
        ["S20"] = LegalStatus.S20,
        ["CARE_ORDER"] = LegalStatus.CareOrder,
        ["INTERIM_CARE_ORDER"] = LegalStatus.InterimCareOrder,
        ["PLACEMENT_ORDER"] = LegalStatus.PlacementOrder,
        ["REMAND"] = LegalStatus.Remand,
        ["OTHER"] = LegalStatus.Other,
    };

    private static readonly Dictionary<string, ConsentStatus> ConsentStatuses = new()
    {
        ["GIVEN"] = ConsentStatus.Given,
        ["PENDING"] = ConsentStatus.Pending,
        ["REFUSED"] = ConsentStatus.Refused,
    };

    private static readonly Dictionary<string, AssessmentType> AssessmentTypes = new()
    {
        ["IHA"] = AssessmentType.Iha,
        ["RHA"] = AssessmentType.Rha,
    };

    private static readonly Dictionary<string, StaffRole> Roles =
        Enum.GetValues<StaffRole>().ToDictionary(r => r.ToString(), r => r);

    /// <summary>Reads the folder. Throws <see cref="DirectoryNotFoundException"/> or <see cref="FileNotFoundException"/> when there is no export to read.</summary>
    public static RecordExport ReadFolder(string folder)
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
        });
    }

    /// <summary>Reads an export from any source of files (a missing optional file is null: no rows of that kind).</summary>
    public static RecordExport Read(Func<string, TextReader?> open)
    {
        var rejected = new List<RejectedRow>();

        var children = ReadFile(open, ExportFiles.Children, rejected, ParseChild, c => c.ChildId, "child_id");
        var staff = ReadFile(open, ExportFiles.Staff, rejected, ParseStaff, s => s.StaffId, "staff_id");
        var childIds = children.Select(c => c.ChildId).ToHashSet(StringComparer.Ordinal);

        // Rows about a child are checked against the children that were accepted.
        void KnownChild(CsvRow row, string childId)
        {
            if (!childIds.Contains(childId))
            {
                row.Reject("child_id", $"unknown child '{ValueParsers.Shorten(childId)}' (not in {ExportFiles.Children}, or its row there was rejected)");
            }
        }

        var health = ReadFile(open, ExportFiles.HealthAssessments, rejected, row =>
        {
            var record = new HealthAssessment(
                row.RequiredText("child_id"),
                row.Choice("type", AssessmentTypes, required: true) ?? default,
                row.OptionalDate("requested_on"),
                row.OptionalDate("completed_on"));
            KnownChild(row, record.ChildId);
            return record;
        });
        var dental = ReadFile(open, ExportFiles.DentalChecks, rejected, row =>
        {
            var record = new DentalCheck(row.RequiredText("child_id"), row.RequiredDate("checked_on"));
            KnownChild(row, record.ChildId);
            return record;
        });
        var reviews = ReadFile(open, ExportFiles.Reviews, rejected, row =>
        {
            var record = new Review(row.RequiredText("child_id"), row.RequiredDate("held_on"), row.Boolean("permanence_plan"));
            KnownChild(row, record.ChildId);
            return record;
        });
        var missing = ReadFile(open, ExportFiles.MissingEpisodes, rejected, row =>
        {
            var record = ParseMissingEpisode(row);
            KnownChild(row, record.ChildId);
            return record;
        }, e => e.EpisodeId, "episode_id");

        return new RecordExport(children, staff, health, dental, reviews, missing, [.. rejected]);
    }

    private static ImmutableArray<T> ReadFile<T>(
        Func<string, TextReader?> open,
        string file,
        List<RejectedRow> rejected,
        Func<CsvRow, T> parse,
        Func<T, string>? id = null,
        string? idColumn = null)
    {
        using var reader = open(file);
        if (reader is null)
        {
            return [];
        }

        var accepted = ImmutableArray.CreateBuilder<T>();
        var firstLineOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in CsvFileReader.Read(reader, file, ExportFiles.RequiredColumns[file], rejected))
        {
            var record = parse(row);
            if (row.IsValid && id is not null && !firstLineOfId.TryAdd(id(record), row.Line))
            {
                row.Reject(idColumn, $"duplicate {idColumn} (first seen on line {firstLineOfId[id(record)]}); this row was not used");
            }

            if (row.IsValid)
            {
                accepted.Add(record);
            }
            else
            {
                rejected.AddRange(row.Problems);
            }
        }

        return accepted.ToImmutable();
    }

    private static Child ParseChild(CsvRow row)
    {
        var child = new Child(
            row.RequiredText("child_id"),
            row.Text("first_name"),
            row.Text("last_name"),
            row.RequiredDate("date_of_birth"),
            row.Choice("legal_status", LegalStatuses),
            row.Boolean("uasc"),
            row.Text("placement_area"),
            row.Choice("consent_status", ConsentStatuses),
            row.RequiredDate("entered_care"),
            row.OptionalDate("left_care"),
            row.Text("social_worker_id"));
        if (row.IsValid && child.DateOfBirth > child.EnteredCare)
        {
            row.Reject("date_of_birth", "date of birth is after entering care");
        }

        if (row.IsValid && child.LeftCare < child.EnteredCare)
        {
            row.Reject("left_care", "left care before entering care");
        }

        return child;
    }

    private static StaffMember ParseStaff(CsvRow row)
    {
        var member = new StaffMember(
            row.RequiredText("staff_id"),
            row.RequiredText("name"),
            row.Text("email"),
            row.Choice("role", Roles, required: true) ?? default,
            row.Text("manager_id"),
            row.Text("team"));
        if (member.Email is { } email && !Delivery.EmailAddresses.IsPlausible(email))
        {
            row.Reject("email", "not a valid email address");
        }

        return member;
    }

    private static MissingEpisode ParseMissingEpisode(CsvRow row)
    {
        var episode = new MissingEpisode(
            row.RequiredText("episode_id"),
            row.RequiredText("child_id"),
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
