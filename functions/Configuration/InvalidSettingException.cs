namespace CpAlerts.Functions.Configuration;

/// <summary>A setting that is present but wrong; the message names the setting and what to put there.</summary>
public sealed class InvalidSettingException(string setting, string problem)
    : Exception($"Setting {setting.Replace(":", "__", StringComparison.Ordinal)}: {problem}.")
{
    public string Setting { get; } = setting;
}
