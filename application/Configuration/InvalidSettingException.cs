namespace CpAlerts.Application.Configuration;

/// <summary>Configuration that stops CpAlerts; the message says which settings and what to put there.</summary>
public class SettingsException(string message) : Exception(message);

/// <summary>One setting that is missing or wrong.</summary>
public sealed class InvalidSettingException(string setting, string problem)
    : SettingsException($"Setting {setting.Replace(":", "__", StringComparison.Ordinal)}: {problem}.");
