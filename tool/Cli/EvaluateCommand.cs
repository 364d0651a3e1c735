using System.CommandLine;
using CpAlerts.Adapters.Csv;
using CpAlerts.Adapters.Storage;
using CpAlerts.Application.Configuration;
using CpAlerts.Application.Reporting;
using CpAlerts.Domain.Rules;
using CpAlerts.Tool.Evaluation;
using Microsoft.Extensions.Configuration;
using NodaTime;

namespace CpAlerts.Tool.Cli;

/// <summary>`evaluate`: the findings as of an instant, from a CSV export folder (no Azure at all) or from Table Storage.</summary>
public static class EvaluateCommand
{
    public static Command Create(IConfiguration configuration, IClock clock)
    {
        var asOf = CommonOptions.AsOf(clock);
        var format = new Option<string>("--format") { Description = "json (DATA-FORMAT.md) or table.", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "table");

        var command = new Command("evaluate", "Evaluate the due-date rules and print the findings.") { asOf, format };
        var source = RecordSource.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = Context(parse.GetValue(asOf), configuration);
            EvaluationReport report;
            var exit = ExitCodes.Success;
            if (source.Folder(parse) is { } folder)
            {
                var export = RecordExportReader.ReadFolder(folder.FullName, Latest(clock, context.AsOfDate));
                WriteNotes(export);
                report = EvaluationReport.Create(context.AsOf, RulesEngine.Standard.Evaluate(export.ToCaseload().Children, context), export.Rejected);
                exit = export.IsFullyValid ? ExitCodes.Success : ExitCodes.Incomplete;
            }
            else
            {
                var store = new CaseloadStore(TableStorage.FromConfiguration(configuration));
                var code = source.StoredCouncil(parse, configuration);
                if (!(await store.ReadCouncilsAsync(cancellationToken)).Contains(code))
                {
                    Console.Error.WriteLine($"error: Table Storage has no records for council '{code}'. Run `import --data FOLDER --council {code}` first.");
                    return ExitCodes.Failed;
                }

                report = EvaluationReport.Create(context.AsOf, await EvaluateStoredAsync(store, code, context, cancellationToken), []);
            }

            if (parse.GetValue(format) == "table")
            {
                Console.Out.WriteLine(TerminalText.Clean(FindingsTable.Render(report)));
            }
            else
            {
                using var stdout = Console.OpenStandardOutput();
                report.WriteJson(stdout);
            }
            Console.Error.WriteLine($"evaluate: {report.Findings.Count} findings, {report.Rejected.Count} rejected rows.");
            return exit;
        });
        return command;
    }

    public static EvaluationContext Context(Instant asOf, IConfiguration configuration) =>
        new(asOf, PolicySettings.ReadCalendar(configuration), PolicySettings.ReadPolicy(configuration));

    /// <summary>Streams the council's children from storage; holds only the findings.</summary>
    public static async Task<IReadOnlyList<Finding>> EvaluateStoredAsync(CaseloadStore store, string council, EvaluationContext context, CancellationToken cancellationToken)
    {
        var findings = new List<Finding>();
        await foreach (var child in store.ReadChildrenAsync(council, cancellationToken))
        {
            findings.AddRange(RulesEngine.Standard.Evaluate(child, context));
        }

        findings.Sort(Finding.UrgencyOrder);
        return findings;
    }

    /// <summary>"Today" for the entry-date bound: the clock's date, or a later as-of date being replayed.</summary>
    internal static NodaTime.LocalDate Latest(IClock clock, NodaTime.LocalDate asOfDate) =>
        NodaTime.LocalDate.Max(Domain.Calendar.LondonTime.DateOf(clock.GetCurrentInstant()), asOfDate);

    /// <summary>What a person should know before trusting the figures: files not there (read as no rows of that kind), columns absent or ignored.</summary>
    internal static void WriteNotes(CpAlerts.Application.Import.RecordExport export)
    {
        foreach (var file in export.MissingFiles.Where(f => f != CpAlerts.Application.Import.ExportFiles.Children))
        {
            Console.Error.WriteLine($"note: {file} is not in the export: read as no rows of that kind.");
        }

        foreach (var note in export.Notes)
        {
            Console.Error.WriteLine($"note: {note}");
        }
    }
}
