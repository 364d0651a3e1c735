using System.CommandLine;
using System.Globalization;
using System.Text;
using CpAlerts.Adapters.Csv;
using CpAlerts.Adapters.Storage;
using CpAlerts.Application.Configuration;
using CpAlerts.Domain.Records;
using CpAlerts.Domain.Reports;
using Microsoft.Extensions.Configuration;
using NodaTime;
using NodaTime.Text;

namespace CpAlerts.Tool.Cli;

/// <summary>
/// `report iha`: the weekly IHA request report for any date, from a CSV export folder or from Table Storage —
/// the list the Monday email carries, printed by case reference (no names), optionally as a spreadsheet.
/// </summary>
public static class ReportCommand
{
    private static LocalDatePattern PeopleDate => CpAlerts.Application.Wording.PeopleDates.Pattern;

    public static Command Create(IConfiguration configuration, IClock clock)
    {
        var asOf = CommonOptions.AsOf(clock);
        var csv = new Option<FileInfo?>("--csv") { Description = "Also write the list as a spreadsheet (case references only, formula-safe)." };
        var iha = new Command("iha", "Children inside the initial health assessment window and whether the request has gone (the Monday report).") { asOf, csv };
        var source = RecordSource.AddTo(iha);
        iha.SetAction(async (parse, cancellationToken) =>
        {
            var date = Domain.Calendar.LondonTime.DateOf(parse.GetValue(asOf));
            IReadOnlyList<ChildRecords> children;
            IReadOnlyList<StaffMember> staff;
            var council = "";
            if (source.Folder(parse) is { } folder)
            {
                var export = CpAlerts.Adapters.Csv.RecordExportReader.ReadFolder(folder.FullName, EvaluateCommand.Latest(clock, date));
                EvaluateCommand.WriteNotes(export);
                var caseload = export.ToCaseload();
                (children, staff) = (caseload.Children, export.Staff);
            }
            else
            {
                var store = new CaseloadStore(TableStorage.FromConfiguration(configuration));
                council = source.StoredCouncil(parse, configuration);
                if (!(await store.ReadCouncilsAsync(cancellationToken)).Contains(council))
                {
                    Console.Error.WriteLine($"error: Table Storage has no records for council '{council}'. Run `import --data FOLDER --council {council}` first.");
                    return ExitCodes.Failed;
                }

                children = (await store.ReadCaseloadAsync(council, cancellationToken)).Children;
                staff = await store.ReadStaffAsync(council, cancellationToken);
            }

            var report = new IhaRequestReport(PolicySettings.ReadPolicy(configuration), PolicySettings.ReadCalendar(configuration));
            var rows = report.Rows(children, date);
            var directory = new Domain.Recipients.StaffDirectory(staff);
            Console.Out.Write(TerminalText.Clean(Render(rows, report.Trend(children, date), directory, date)));
            if (parse.GetValue(csv) is { } file)
            {
                var table = CpAlerts.Application.Delivery.EmailContent.IhaReportTable(file.Name, rows, directory);
                await File.WriteAllBytesAsync(file.FullName, CsvOutput.Write(table), cancellationToken);
                Console.Error.WriteLine($"report: the list is in {file.FullName}.");
            }

            Console.Error.WriteLine($"report{(council.Length > 0 ? $" {council}" : "")}: {rows.Count} children in the IHA window on {LocalDatePattern.Iso.Format(date)}.");
            return ExitCodes.Success;
        });
        return new Command("report", "Print a report for any date.") { iha };
    }

    /// <summary>The report as plain text: counts for this week and the four before, then one line per child, not yet requested first.</summary>
    public static string Render(IReadOnlyList<IhaReportRow> rows, IReadOnlyList<IhaReportCounts> trend, Domain.Recipients.StaffDirectory staff, LocalDate asOf)
    {
        var text = new StringBuilder();
        var now = trend[^1];
        text.AppendLine(CultureInfo.InvariantCulture, $"Initial health assessment requests on {PeopleDate.Format(asOf)}: {now.InWindow} in the window, {now.NotYetRequested} not yet requested, {now.RequestedLate} requested late, {now.RequestedOnTime} on time.");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"Week of",-16} {"In window",9} {"On time",8} {"Late",5} {"Not yet",8}");
        foreach (var week in trend)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{PeopleDate.Format(week.AsOf),-16} {week.InWindow,9} {week.RequestedOnTime,8} {week.RequestedLate,5} {week.NotYetRequested,8}");
        }

        text.AppendLine();
        foreach (var r in rows)
        {
            var requested = r.RequestedOn is { } on ? $"requested {PeopleDate.Format(on)}{(r.State == RequestState.RequestedLate ? " (late)" : "")}" : $"NOT YET REQUESTED ({CpAlerts.Application.Wording.LatenessWords.WorkingDaysWords(r.WorkingDaysToRequestDeadline, r.RequestDeadline < asOf, "to the request deadline", "past it")})";
            text.AppendLine(CultureInfo.InvariantCulture, $"{r.ChildId}: entered care {PeopleDate.Format(r.EnteredCare)}; {requested}; IHA due {PeopleDate.Format(r.IhaDeadline)} ({CpAlerts.Application.Wording.LatenessWords.WorkingDaysWords(r.WorkingDaysToIhaDeadline, r.IhaDeadline < asOf, "left", "overdue")}); social worker {staff.Find(r.SocialWorkerId)?.Name ?? "none allocated"}; {CpAlerts.Application.Wording.CaseWords.LegalStatusWords(r.LegalStatus)}, consent {CpAlerts.Application.Wording.CaseWords.ConsentStatusWords(r.ConsentStatus)}{(r.ConsentNeededFromParents ? "; consent needed from the parents (section 20)" : "")}{(r.DocumentsMayBeLimited ? "; unaccompanied asylum-seeking child: documents may be limited" : "")}");
        }

        return text.ToString();
    }
}
