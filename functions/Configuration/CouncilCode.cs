using Microsoft.Extensions.Configuration;

namespace CpAlerts.Functions.Configuration;

/// <summary>The council whose records are read or written: given on the command line, else the CpAlerts__CouncilCode setting.</summary>
public static class CouncilCode
{
    public const string Setting = "CpAlerts:CouncilCode";

    /// <param name="given">The code given on the command line, if any.</param>
    /// <param name="givenAs">How the command line names it, for messages (`--council`, or the argument's name).</param>
    public static string Resolve(string? given, IConfiguration configuration, string givenAs = "--council")
    {
        var fromSetting = given is null;
        var code = given ?? configuration[Setting];
        if (string.IsNullOrWhiteSpace(code))
        {
            throw fromSetting
                ? new InvalidSettingException(Setting, $"not set. Pass {givenAs} CODE or set CpAlerts__CouncilCode")
                : new SettingsException($"{givenAs}: a council code is needed, e.g. E08000025.");
        }

        code = code.Trim();
        // Council codes become partition keys and file names: letters, digits, '-' and '_' only. Case does not
        // make another council ("dup" and "DUP" are one): codes are stored upper-case.
        if (code.Length <= 40 && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return code.ToUpperInvariant();
        }

        const string shape = "is not a council code (up to 40 letters, digits, '-' or '_', e.g. E08000025)";
        throw fromSetting
            ? new InvalidSettingException(Setting, $"'{code}' {shape}")
            : new SettingsException($"{givenAs}: '{code}' {shape}.");
    }
}
