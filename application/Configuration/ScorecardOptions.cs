using System.Globalization;
using CpAlerts.Domain.Scorecards;
using Microsoft.Extensions.Configuration;

namespace CpAlerts.Application.Configuration;

/// <summary>
/// The scorecard's target and bands (`CpAlerts__Scorecard__Target`, `__OutstandingFrom`, `__GoodFrom`,
/// `__RequiresImprovementFrom`, in percent), the fewest children a percentage is shown for (`__MinimumCohort`), the
/// first month of the reporting year (`__YearStartMonth`: 4, the financial year; 1 for calendar years) and the
/// period the monthly email covers (`CpAlerts__Scorecard__Period`: month, quarter or year).
/// </summary>
public sealed record ScorecardOptions(ScorecardPolicy Policy, PeriodKind Period)
{
    public const string Section = "CpAlerts:Scorecard";
    public const string PeriodSetting = Section + ":Period";
    public const string MailboxSetting = Section + ":Mailbox";

    public static readonly ScorecardOptions Default = new(ScorecardPolicy.Default, PeriodKind.Month);

    public static ScorecardOptions Read(IConfiguration configuration) => new(ReadPolicy(configuration), ReadPeriod(configuration));

    private static PeriodKind ReadPeriod(IConfiguration configuration) => configuration[PeriodSetting] is not { } text
        ? Default.Period
        : ReportingPeriod.KindNamed(text) ?? throw new InvalidSettingException(PeriodSetting, "must be month, quarter or year");

    /// <summary>
    /// `CpAlerts__Scorecard__Comparators__<MEASURE>__Percent`, `__Label` (default "England") and `__Source` (required:
    /// a figure nobody can trace is not shown), e.g. `…__DENTAL_CHECK_IN_LAST_12_MONTHS__Percent=79`.
    /// </summary>
    private static System.Collections.Immutable.ImmutableDictionary<string, Comparator> ReadComparators(IConfigurationSection section)
    {
        var result = System.Collections.Immutable.ImmutableDictionary.CreateBuilder<string, Comparator>(StringComparer.Ordinal);
        foreach (var measure in section.GetSection("Comparators").GetChildren())
        {
            var id = measure.Key.ToUpperInvariant();
            if (!MeasureIds.All.Contains(id))
            {
                throw new InvalidSettingException(measure.Path, $"'{measure.Key}' is not a measure; use one of {string.Join(", ", MeasureIds.All)}");
            }

            var percent = measure["Percent"] is { } text && double.TryParse(text, CultureInfo.InvariantCulture, out var v) && v is >= 0 and <= 100 ? v
                : throw new InvalidSettingException($"{measure.Path}:Percent", "missing or not a percentage from 0 to 100");
            var source = measure["Source"] is { Length: > 0 } s ? s
                : throw new InvalidSettingException($"{measure.Path}:Source", "missing: say where the figure comes from and for which year");
            result[id] = new Comparator(percent, measure["Label"] is { Length: > 0 } label ? label : "England", source);
        }

        return result.ToImmutable();
    }

    private static ScorecardPolicy ReadPolicy(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var d = ScorecardPolicy.Default;
        double Percent(string key, double fallback) =>
            section[key] is not { } text ? fallback
            : double.TryParse(text, CultureInfo.InvariantCulture, out var v) && v is >= 0 and <= 100 ? v
            : throw new InvalidSettingException($"{section.Path}:{key}", $"'{text}' is not a percentage from 0 to 100");
        var policy = new ScorecardPolicy(Percent("Target", d.Target), Percent("GoodFrom", d.GoodFrom), Percent("OutstandingFrom", d.OutstandingFrom),
            Percent("RequiresImprovementFrom", d.RequiresImprovementFrom),
            SettingNumbers.Whole(configuration, $"{Section}:MinimumCohort", d.MinimumCohort, 1, 100, "must be a whole number of children from 1 to 100"),
            SettingNumbers.Whole(configuration, $"{Section}:YearStartMonth", d.YearStartMonth, 1, 12, "must be a month number from 1 to 12 (4: April, the financial year)"));
        policy = policy with { Comparators = ReadComparators(section) };
        // OutstandingFrom is read (an old setting still starts) but sets no band, so nothing else has to be kept in step with it;
        // a GoodFrom at or above the target only leaves "close to target" empty, and an empty band is not shown.
        return policy.RequiresImprovementFrom <= policy.GoodFrom
            ? policy
            : throw new InvalidSettingException($"{section.Path}:RequiresImprovementFrom", "must not be above GoodFrom");
    }
}
