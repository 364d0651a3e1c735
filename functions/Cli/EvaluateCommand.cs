using System.CommandLine;
using CpAlerts.Domain.Rules;
using CpAlerts.Functions.Configuration;
using CpAlerts.Functions.Evaluation;
using CpAlerts.Functions.Import;
using Microsoft.Extensions.Configuration;
using NodaTime;

namespace CpAlerts.Functions.Cli;

/// <summary>`evaluate`: the findings as of an instant, from a CSV export folder, with no Azure at all.</summary>
public static class EvaluateCommand
{
    public static Command Create(IConfiguration configuration, IClock clock)
    {
        var data = CommonOptions.DataFolder();
        var asOf = CommonOptions.AsOf(clock);
        var format = new Option<string>("--format") { Description = "json (DATA-FORMAT.md) or table.", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "table");

        var command = new Command("evaluate", "Evaluate the due-date rules over an export and print the findings.") { data, asOf, format };
        command.SetAction(parse =>
        {
            var export = RecordExportReader.ReadFolder(parse.GetRequiredValue(data).FullName);
            var report = Evaluate(export, parse.GetValue(asOf), configuration);
            Console.Out.WriteLine(parse.GetValue(format) == "table" ? FindingsTable.Render(report) : report.ToJson());
            Console.Error.WriteLine($"evaluate: {export.Children.Length} children read, {report.Findings.Count} findings, {report.Rejected.Count} rejected rows.");
            return export.IsFullyValid ? ExitCodes.Success : ExitCodes.RowsRejected;
        });
        return command;
    }

    public static EvaluationReport Evaluate(RecordExport export, Instant asOf, IConfiguration configuration)
    {
        var context = new EvaluationContext(asOf, PolicySettings.ReadCalendar(configuration), PolicySettings.ReadPolicy(configuration));
        var findings = RulesEngine.Standard.Evaluate(export.ToCaseload().Children, context);
        return EvaluationReport.Create(asOf, findings, export.Rejected);
    }
}
