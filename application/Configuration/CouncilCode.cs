using Microsoft.Extensions.Configuration;

namespace CpAlerts.Application.Configuration;

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
        if (Normalize(code) is { } normalized)
        {
            return normalized;
        }

        throw fromSetting
            ? new InvalidSettingException(Setting, $"'{code}' {CodeShape}")
            : new SettingsException($"{givenAs}: '{code}' {CodeShape}.");
    }

    public const string CodeShape = "is not a council code (up to 40 letters, digits, '-' or '_', e.g. E08000025)";

    /// <summary>
    /// The code as stored, wherever it comes in (command line, setting, a message): council codes become partition keys
    /// and file names, so letters, digits, '-' and '_' only, and case does not make another council ("dup" and "DUP"
    /// are one): upper-case. Null when it is not a council code.
    /// </summary>
    public static string? Normalize(string? code) =>
        code?.Trim() is { Length: > 0 and <= 40 } trimmed && trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? trimmed.ToUpperInvariant() : null;
}
