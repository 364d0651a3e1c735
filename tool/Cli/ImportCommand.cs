using System.CommandLine;
using CpAlerts.Adapters.Csv;
using CpAlerts.Adapters.Storage;
using CpAlerts.Adapters.Telemetry;
using CpAlerts.Application.Configuration;
using CpAlerts.Application.Import;
using CpAlerts.Tool.Jobs;
using Microsoft.Extensions.Configuration;
using NodaTime;

namespace CpAlerts.Tool.Cli;

/// <summary>
/// `import`: loads an export folder into Table Storage (<see cref="ImportJob"/>). `--dry-run` says what would
/// happen; `--allow-large-removal` lets a large removal through.
/// </summary>
public static class ImportCommand
{
    private const int MaxRejectedShown = 100;

    public static Command Create(IConfiguration configuration, IClock clock)
    {
        var data = CommonOptions.DataFolder();
        var council = CommonOptions.Council();
        var dryRun = new Option<bool>("--dry-run") { Description = "Report what would be added, changed and removed, and write nothing." };
        var allowLarge = new Option<bool>("--allow-large-removal")
        {
            Description = "Remove records the export no longer lists even when that is more than CpAlerts__Import__MaxRemovedPercent of the children, or every record of a kind.",
        };
        var command = new Command("import", "Load a CSV export into Table Storage (idempotent).") { data, council, dryRun, allowLarge };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var code = CouncilCode.Resolve(parse.GetValue(council), configuration);
            var policy = new RemovalPolicy(ImportOptions.Read(configuration).MaxRemovedPercent);
            var export = RecordExportReader.ReadFolder(parse.GetRequiredValue(data).FullName, Domain.Calendar.LondonTime.DateOf(clock.GetCurrentInstant()));
            // One shifted row can make every record of that child unknown: the first hundred lines say what is wrong.
            foreach (var rejected in export.Rejected.Take(MaxRejectedShown))
            {
                Console.Error.WriteLine(TerminalText.Clean($"rejected {rejected}"));
            }

            if (export.Rejected.Length > MaxRejectedShown)
            {
                Console.Error.WriteLine($"… and {export.Rejected.Length - MaxRejectedShown:N0} more rejected rows; `evaluate --data {parse.GetRequiredValue(data).FullName} --format json` lists them all.");
            }

            foreach (var line in ImportJob.FileReport(export))
            {
                Console.Error.WriteLine(line);
            }

            var tables = TablesOptions.Read(configuration);
            var storage = TableStorage.Create(tables);
            // The import's counts go to Application Insights too, where the "import problems" alert and the workbook read them.
            using var telemetry = TelemetryExport.Start(TelemetryOptions.Read(configuration), "import", out var telemetryProblem);
            if (telemetryProblem is not null)
            {
                Console.Error.WriteLine($"note: Azure Monitor will not see this import: {telemetryProblem}.");
            }
            else if (telemetry is null && tables.ConnectionString is null)
            {
                Console.Error.WriteLine($"note: {TelemetryOptions.ConnectionStringSetting} is not set, so Azure Monitor will not see this import (no alert if rows are rejected). Set it, with {TelemetryOptions.AuthenticationSetting}=Authorization=AAD, from the function app's settings.");
            }

            var result = await ImportJob.RunAsync(storage, code, export, clock, new ConsoleProgress(), cancellationToken, policy, parse.GetValue(allowLarge), parse.GetValue(dryRun));
            Console.Error.WriteLine(TerminalText.Clean(result.Text));
            return result.Removal.Remove && export.IsComplete ? ExitCodes.Success : ExitCodes.Incomplete;
        });
        return command;
    }

    /// <summary>Progress on standard error, at most every 10% so a long import shows it is alive.</summary>
    private sealed class ConsoleProgress : IProgress<ImportProgress>
    {
        private int _lastTenth = -1;

        public void Report(ImportProgress value)
        {
            var tenth = value.Total == 0 ? 10 : value.Done * 10 / value.Total;
            if (tenth != _lastTenth)
            {
                _lastTenth = tenth;
                Console.Error.WriteLine($"import: {value.Done:N0} of {value.Total:N0} rows written ({tenth * 10}%)");
            }
        }
    }
}
