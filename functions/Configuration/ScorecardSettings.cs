using CpAlerts.Domain.Scorecard;
using Microsoft.Extensions.Configuration;

namespace CpAlerts.Functions.Configuration;

/// <summary>Targets and RAG bands from `CpAlerts__Scorecard__Target`, `__GoodFrom`, `__OutstandingFrom` (percent).</summary>
public static class ScorecardSettings
{
    public const string PeriodSetting = "CpAlerts:Scorecard:Period";

    /// <summary>The period published each month (`CpAlerts__Scorecard__Period`): month (the default), quarter or year.</summary>
    public static PeriodKind ReadPeriod(IConfiguration configuration) => configuration[PeriodSetting] is not { } text
        ? PeriodKind.Month
        : ReportingPeriod.KindNamed(text) ?? throw new InvalidSettingException(PeriodSetting, "must be month, quarter or year");

    public static ScorecardPolicy Read(IConfiguration configuration)
    {
        var section = configuration.GetSection("CpAlerts:Scorecard");
        var d = ScorecardPolicy.Default;
        double Percent(string key, double fallback) =>
            section[key] is not { } text ? fallback
            : double.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var v) && v is >= 0 and <= 100 ? v
            : throw new InvalidSettingException($"{section.Path}:{key}", $"'{text}' is not a percentage from 0 to 100");
        var policy = new ScorecardPolicy(Percent("Target", d.Target), Percent("GoodFrom", d.GoodFrom), Percent("OutstandingFrom", d.OutstandingFrom));
        return policy.GoodFrom <= policy.OutstandingFrom
            ? policy
            : throw new InvalidSettingException($"{section.Path}:GoodFrom", "must not be above OutstandingFrom");
    }
}
