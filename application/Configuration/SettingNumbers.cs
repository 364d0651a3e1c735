using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace CpAlerts.Application.Configuration;

/// <summary>A number setting within bounds: the default when unset, the setting's name and what it must be when wrong.</summary>
internal static class SettingNumbers
{
    public static int Whole(IConfiguration configuration, string key, int fallback, int min, int max, string mustBe) => configuration[key] is not { } text
        ? fallback
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? n : throw new InvalidSettingException(key, mustBe);

    public static double Decimal(IConfiguration configuration, string key, double fallback, double min, double max, string mustBe) => configuration[key] is not { } text
        ? fallback
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? n : throw new InvalidSettingException(key, mustBe);
}
