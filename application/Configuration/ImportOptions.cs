using Microsoft.Extensions.Configuration;

namespace CpAlerts.Application.Configuration;

/// <summary>How much an import may remove without `--allow-large-removal`: a share of the council's children, in percent.</summary>
public sealed record ImportOptions(int MaxRemovedPercent)
{
    public const string MaxRemovedPercentSetting = "CpAlerts:Import:MaxRemovedPercent";

    public static readonly ImportOptions Default = new(10);

    public static ImportOptions Read(IConfiguration configuration) =>
        new(SettingNumbers.Whole(configuration, MaxRemovedPercentSetting, Default.MaxRemovedPercent, 0, 100, "a whole number of percent from 0 to 100"));
}
