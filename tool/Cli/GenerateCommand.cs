using System.CommandLine;
using CpAlerts.Domain.Calendar;
using CpAlerts.Testing.Synthetic;
using NodaTime;

namespace CpAlerts.Tool.Cli;

/// <summary>`generate`: writes a synthetic export (fake names only) for demos, tests and benchmarks.</summary>
public static class GenerateCommand
{
    public static Command Create(IClock clock)
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write the CSV export to.", Required = true };
        var children = new Option<int>("--children") { Description = "How many children.", DefaultValueFactory = _ => 480 };
        children.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 2_000_000)
            {
                r.AddError("--children must be between 1 and 2,000,000.");
            }
        });
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed and as-of give the same export.", DefaultValueFactory = _ => 1 };
        var asOf = CommonOptions.AsOf(clock);

        var command = new Command("generate", "Write a synthetic caseload export (obviously fake names).") { output, children, seed, asOf };
        command.SetAction(parse =>
        {
            var folder = parse.GetRequiredValue(output).FullName;
            var export = new SyntheticCaseload(parse.GetValue(children), parse.GetValue(seed), LondonTime.DateOf(parse.GetValue(asOf))).Generate();
            ExportWriter.Write(export, folder);
            Console.Error.WriteLine($"generate: {export.Children.Length:N0} children, {export.Staff.Length} staff written to {folder}");
            return ExitCodes.Success;
        });
        return command;
    }
}
