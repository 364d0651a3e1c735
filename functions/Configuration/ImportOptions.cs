using Microsoft.Extensions.Configuration;

namespace CpAlerts.Functions.Configuration;

/// <summary>How much an import may remove without `--allow-large-removal`: a share of the council's children, in percent.</summary>
public sealed record ImportOptions(int MaxRemovedPercent)
{
    public const string MaxRemovedPercentSetting = "CpAlerts:Import:MaxRemovedPercent";

    public static readonly ImportOptions Default = new(10);

    public static ImportOptions Read(IConfiguration configuration) => configuration[MaxRemovedPercentSetting] is not { } text
        ? Default
        : int.TryParse(text, out var n) && n is >= 0 and <= 100 ? new(n) : throw new InvalidSettingException(MaxRemovedPercentSetting, "a whole number of percent from 0 to 100");
}
