using System.Text;
using CpAlerts.Adapters.Csv;
using CpAlerts.Application.Import;
using CpAlerts.Domain.Records;
using CsvHelper;
using NodaTime;
using NodaTime.Text;

namespace CpAlerts.Testing.Synthetic;

/// <summary>Writes records as an export folder in exactly the format <see cref="RecordExportReader"/> reads.</summary>
public static class ExportWriter
{
    public static void Write(RecordExport export, string folder)
    {
        Directory.CreateDirectory(folder);
        WriteFile(folder, ExportFiles.Children, ExportFiles.KnownColumns[ExportFiles.Children],
            export.Children.Select(c => new[]
            {
                c.ChildId, c.FirstName, c.LastName, Date(c.DateOfBirth), ExportCodes.Code(c.LegalStatus), Bool(c.Uasc), c.PlacementArea,
                ExportCodes.Code(c.ConsentStatus), Date(c.EnteredCare), Date(c.LeftCare), c.SocialWorkerId, c.IroId,
                c.PlacementIcb, c.Referral.PlacementPostcodeDistrict, c.Referral.NhsNumber?.Digits, ExportCodes.Code(c.Referral.Sex), c.Referral.FirstLanguage,
                c.Referral.InterpreterNeeded is { } interpreter ? Bool(interpreter) : null, c.Referral.CarerName, c.Referral.CarerPhone, c.Referral.GpPractice,
                c.Referral.ConsentGivenBy, Date(c.Referral.ConsentDate),
                c.Referral.Placement.Address, Date(c.Referral.Placement.StartDate), c.Referral.Family.ParentalResponsibility, c.Referral.Family.Parents,
                ExportCodes.Code(c.Referral.Identity.Ethnicity), c.Referral.Identity.Religion, c.Referral.Identity.GenderIdentity, ExportCodes.Code(c.Referral.Family.ReasonForEnteringCare),
                c.Referral.Health.HealthNeeds, c.Referral.Health.Disability, c.Referral.Health.Allergies, c.Referral.Health.Medication,
                ExportCodes.Code(c.Referral.Health.Immunisations), c.Referral.School,
            }));
        WriteFile(folder, ExportFiles.Staff, ExportFiles.KnownColumns[ExportFiles.Staff],
            export.Staff.Select(s => new[] { s.StaffId, s.Name, s.Email, s.Role.ToString(), s.ManagerId, s.Team, s.Phone?.Text }));
        WriteFile(folder, ExportFiles.HealthAssessments, ExportFiles.KnownColumns[ExportFiles.HealthAssessments],
            export.HealthAssessments.Select(h => new[] { h.ChildId, ExportCodes.Code(h.Type), Date(h.RequestedOn), Date(h.CompletedOn) }));
        WriteFile(folder, ExportFiles.DentalChecks, ExportFiles.KnownColumns[ExportFiles.DentalChecks],
            export.DentalChecks.Select(d => new[] { d.ChildId, Date(d.CheckedOn) }));
        WriteFile(folder, ExportFiles.Reviews, ExportFiles.KnownColumns[ExportFiles.Reviews],
            export.Reviews.Select(r => new[] { r.ChildId, Date(r.HeldOn), Bool(r.PermanencePlan) }));
        WriteFile(folder, ExportFiles.MissingEpisodes, ExportFiles.KnownColumns[ExportFiles.MissingEpisodes],
            export.MissingEpisodes.Select(m => new[]
            {
                m.EpisodeId, m.ChildId, Instant(m.WentMissingAt), Instant(m.ReturnedAt), Instant(m.RhiOfferedAt), Instant(m.RhiCompletedAt), Bool(m.RhiDeclined),
            }));
    }

    private static void WriteFile(string folder, string file, string[] header, IEnumerable<string?[]> rows)
    {
        using var writer = new StreamWriter(Path.Combine(folder, file), false, new UTF8Encoding(false));
        using var csv = new CsvWriter(writer, CsvOutput.Configuration);
        foreach (var name in header)
        {
            csv.WriteField(name);
        }

        csv.NextRecord();
        foreach (var row in rows)
        {
            // The columns are the importer's (ExportFiles.KnownColumns): a row of another length would shift every value after it.
            if (row.Length != header.Length)
            {
                throw new InvalidOperationException($"{file}: a row has {row.Length} values for {header.Length} columns");
            }

            foreach (var value in row)
            {
                csv.WriteField(value ?? "");
            }

            csv.NextRecord();
        }
    }

    private static string? Date(LocalDate? date) => date is { } d ? LocalDatePattern.Iso.Format(d) : null;

    private static string? Instant(Instant? instant) => instant is { } i ? OffsetDateTimePattern.GeneralIso.Format(i.WithOffset(Offset.Zero)) : null;

    private static string Bool(bool value) => value ? "true" : "false";
}
