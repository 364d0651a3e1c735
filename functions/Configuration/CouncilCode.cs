using System.CommandLine;
using Microsoft.Extensions.Configuration;

namespace CpAlerts.Functions.Configuration;

/// <summary>The council whose records are read or written: `--council`, else the CpAlerts__CouncilCode setting.</summary>
public static class CouncilCode
{
    public const string Setting = "CpAlerts:CouncilCode";

    public static Option<string?> Option() => new("--council")
    {
        Description = "Council code (the partition its records live in). Default: the CpAlerts__CouncilCode setting.",
    };

    public static string Resolve(string? fromOption, IConfiguration configuration)
    {
        var code = fromOption ?? configuration[Setting];
        if (string.IsNullOrWhiteSpace(code))
        {
            throw new InvalidSettingException(Setting, "not set. Pass --council CODE or set CpAlerts__CouncilCode");
        }

        return code.Any(char.IsControl) || code.Length > 64
            ? throw new InvalidSettingException(Setting, "a council code is a short name without control characters")
            : code.Trim();
    }
}
