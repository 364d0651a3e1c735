using Microsoft.Extensions.Configuration;

namespace CpAlerts.Application.Configuration;

/// <summary>The one reader of on/off settings: `true` or `false` (any case), unset or empty for the default, anything else named as wrong.</summary>
public static class SettingFlags
{
    public static bool Read(IConfiguration configuration, string key, bool fallback) => configuration[key] switch
    {
        null or "" => fallback,
        var text when bool.TryParse(text, out var value) => value,
        var text => throw new InvalidSettingException(configuration is IConfigurationSection section ? $"{section.Path}:{key}" : key, $"'{text}' is not true or false"),
    };
}
