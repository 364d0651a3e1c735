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

        code = code.Trim();
        // Council codes become partition keys and file names: letters, digits, '-' and '_' only. Case does not
        // make another council ("dup" and "DUP" are one): codes are stored upper-case.
        return code.Length > 40 || !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? throw new InvalidSettingException(Setting, $"'{code}' is not a council code (up to 40 letters, digits, '-' or '_', e.g. E08000025)")
            : code.ToUpperInvariant();
    }
}
