using System.CommandLine;
using System.Text;
using CpAlerts.Adapters.Csv;
using CpAlerts.Adapters.Scorecards;
using CpAlerts.Adapters.Storage;
using CpAlerts.Application.Configuration;
using CpAlerts.Application.Reporting;
using CpAlerts.Domain.Calendar;
using CpAlerts.Domain.Records;
using CpAlerts.Domain.Scorecards;
using Microsoft.Extensions.Configuration;
using NodaTime;

namespace CpAlerts.Tool.Cli;

/// <summary>`scorecard`: the Corporate Parenting measures for a period, per council and per team, as HTML, CSV or JSON.</summary>
public static class ScorecardCommand
{
    public static Command Create(IConfiguration configuration, IClock clock)
    {
        var asOf = CommonOptions.AsOf(clock);
        var period = new Option<string>("--period") { Description = "month, quarter or year (the one containing --as-of, to date).", DefaultValueFactory = _ => "quarter" };
        period.AcceptOnlyFromAmong("month", "quarter", "year");
        var format = new Option<string>("--format") { Description = "html (one self-contained page), csv or json.", DefaultValueFactory = _ => "html" };
        format.AcceptOnlyFromAmong("html", "csv", "json");
        var output = new Option<FileInfo?>("--out") { Description = "File to write; default standard output." };

        var commentary = new Option<FileInfo?>("--commentary") { Description = "A text or Markdown file of the council's commentary for the period, shown under the headline figures (HTML only)." };
        var command = new Command("scorecard", "Corporate Parenting scorecard from the same records as the alerts.") { asOf, period, format, output, commentary };
        var source = RecordSource.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var code = parse.GetValue(source.Council) ?? configuration[CouncilCode.Setting] ?? "COUNCIL";
            ScorecardReport report;
            var exit = ExitCodes.Success;
            var day = LondonTime.DateOf(parse.GetValue(asOf));
            var kind = ReportingPeriod.KindNamed(parse.GetValue(period))!.Value;
            if (source.Folder(parse) is { } folder)
            {
                // A CSV export has no "in hand" reasons: those are recorded in the team view, so only --storage shows them.
                var export = RecordExportReader.ReadFolder(folder.FullName, EvaluateCommand.Latest(clock, day));
                report = Build(configuration, code, export.ToCaseload(), day, kind);
                EvaluateCommand.WriteNotes(export);
                if (!export.IsFullyValid)
                {
                    // The figures leave those rows out: say so, and how to see them.
                    Console.Error.WriteLine($"scorecard: {export.Rejected.Length} row(s) rejected and left out of the figures; `evaluate --data {folder.FullName} --format table` lists them.");
                    exit = ExitCodes.Incomplete;
                }
            }
            else
            {
                code = source.StoredCouncil(parse, configuration);
                var storage = TableStorage.FromConfiguration(configuration);
                report = await ScorecardReport.ReadAsync(new CaseloadStore(storage), new AcknowledgementStore(storage), code, day, kind,
                    PolicySettings.ReadCalendar(configuration), PolicySettings.ReadPolicy(configuration), ScorecardOptions.Read(configuration).Policy, cancellationToken);
            }

            if (parse.GetValue(commentary) is { } notes)
            {
                if (!notes.Exists)
                {
                    Console.Error.WriteLine($"error: the commentary file {notes.FullName} does not exist.");
                    return ExitCodes.Failed;
                }

                report = report with { Commentary = await File.ReadAllTextAsync(notes.FullName, cancellationToken) };
            }
            var text = parse.GetValue(format) switch
            {
                "csv" => ScorecardExports.Csv(report),
                "json" => ScorecardExports.Json(report),
                _ => ScorecardPage.Render(report),
            };
            if (parse.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, text, new UTF8Encoding(false), cancellationToken);
                Console.Error.WriteLine($"scorecard: written to {file.FullName}");
            }
            else
            {
                Console.Out.Write(text);
            }

            return exit;
        });
        return command;
    }

    /// <summary>The scorecard for the period of the given kind containing <paramref name="asOf"/> (to that date), with the configured calendar, policy and targets.</summary>
    public static ScorecardReport Build(IConfiguration configuration, string council, Caseload caseload, LocalDate asOf, PeriodKind period) =>
        ScorecardReport.Build(council, caseload, asOf, period,
            PolicySettings.ReadCalendar(configuration), PolicySettings.ReadPolicy(configuration), ScorecardOptions.Read(configuration).Policy);
}
