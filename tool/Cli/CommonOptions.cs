using System.CommandLine;
using System.CommandLine.Parsing;
using CpAlerts.Adapters.Csv;
using CpAlerts.Domain.Calendar;
using NodaTime;

namespace CpAlerts.Tool.Cli;

/// <summary>Options shared by several verbs, parsed the same way everywhere.</summary>
public static class CommonOptions
{
    /// <summary>`--as-of`: an ISO 8601 instant (an offset, or London local time without one), or a date meaning London midnight.</summary>
    public static Option<Instant> AsOf(IClock clock) => new("--as-of")
    {
        Description = "The instant to evaluate as of: 2026-11-23T09:00:00Z, or a London local time/date. Default: now.",
        DefaultValueFactory = _ => clock.GetCurrentInstant(),
        CustomParser = ParseAsOf,
    };

    public static Option<DirectoryInfo> DataFolder(bool required = true) => new("--data")
    {
        Description = "Folder of the case-management CSV export (children.csv, staff.csv, …).",
        Required = required,
    };

    internal static Instant ParseAsOf(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (ValueParsers.TryInstant(text, out var instant, out _))
        {
            return instant;
        }

        if (ValueParsers.TryDate(text, out var date, out _))
        {
            return LondonTime.ToInstant(date.AtMidnight());
        }

        result.AddError($"--as-of '{text}' is not an instant or a date. Use e.g. 2026-11-23T09:00:00Z or 2026-11-23.");
        return default;
    }

    /// <summary>`--council`: the council whose records are read or written (default: the CpAlerts__CouncilCode setting).</summary>
    public static Option<string?> Council() => new("--council")
    {
        Description = "Council code (the partition its records live in). Default: the CpAlerts__CouncilCode setting.",
    };
}
