using System.CommandLine;
using CpAlerts.Adapters.Storage;
using CpAlerts.Application.Configuration;
using Microsoft.Extensions.Configuration;

namespace CpAlerts.Tool.Cli;

/// <summary>`councils list` and `councils remove CODE --yes`: the councils the timers fan out over, and taking one away with everything held for it.</summary>
public static class CouncilsCommand
{
    public static Command Create(IConfiguration configuration)
    {
        var list = new Command("list", "The councils with imported records (what the daily sweep and weekly digest fan out over).");
        list.SetAction(async (_, cancellationToken) =>
        {
            foreach (var council in await new CaseloadStore(TableStorage.FromConfiguration(configuration)).ReadCouncilsAsync(cancellationToken))
            {
                Console.Out.WriteLine(TerminalText.Clean(council));
            }

            return ExitCodes.Success;
        });

        var code = new Argument<string>("code") { Description = "The council code, e.g. E08000025 (case does not matter)." };
        var yes = new Option<bool>("--yes") { Description = "Really remove: without it, the command only counts what would go." };
        var remove = new Command("remove", "Remove a council: its children, records, staff, finding state, delivery log, import runs and completed sweeps.") { code, yes };
        remove.SetAction(async (parse, cancellationToken) =>
        {
            var council = CouncilCode.Resolve(parse.GetRequiredValue(code), configuration, "councils remove CODE");
            var removal = new CouncilRemoval(TableStorage.FromConfiguration(configuration));
            var counts = await removal.CountAsync(council, cancellationToken);
            var held = string.Join(", ", counts.Where(c => c.Value > 0).Select(c => $"{c.Key} {c.Value:N0}"));
            if (counts.Values.Sum() == 0)
            {
                Console.Error.WriteLine($"councils remove: nothing is held for council {council}; check the code with `councils list`.");
                return ExitCodes.Incomplete;
            }

            if (!parse.GetValue(yes))
            {
                Console.Error.WriteLine($"councils remove: council {council} holds {held} row(s). Nothing removed; run again with --yes to remove them all.");
                return ExitCodes.Incomplete;
            }

            var removed = await removal.RemoveAsync(council, cancellationToken);
            Console.Error.WriteLine($"councils remove: council {council} removed ({removed:N0} row(s)); timers no longer include it.");
            return ExitCodes.Success;
        });

        return new Command("councils", "List councils, or remove one.") { list, remove };
    }
}
