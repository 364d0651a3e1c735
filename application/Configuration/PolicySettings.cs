using System.Collections.Immutable;
using CpAlerts.Domain.Calendar;
using CpAlerts.Domain.Escalation;
using CpAlerts.Domain.Rules;
using Microsoft.Extensions.Configuration;
using NodaTime;
using NodaTime.Text;

namespace CpAlerts.Application.Configuration;

/// <summary>
/// A council's overrides of RULES.md defaults, read from the `CpAlerts:Policy` and `CpAlerts:Calendar`
/// configuration sections (app settings `CpAlerts__Policy__…`). Anything not set keeps its default.
/// </summary>
public static class PolicySettings
{
    public static AlertPolicy ReadPolicy(IConfiguration configuration)
    {
        var section = configuration.GetSection("CpAlerts:Policy");
        var defaults = AlertPolicy.Default;
        var t = defaults.Timescales;
        var timescales = t with
        {
            IhaRequestWorkingDays = Int(section, nameof(Timescales.IhaRequestWorkingDays), t.IhaRequestWorkingDays),
            IhaCompletionWorkingDays = Int(section, nameof(Timescales.IhaCompletionWorkingDays), t.IhaCompletionWorkingDays),
            DentalCheckIntervalMonths = Int(section, nameof(Timescales.DentalCheckIntervalMonths), t.DentalCheckIntervalMonths),
            PermanenceReviewMonths = Int(section, nameof(Timescales.PermanenceReviewMonths), t.PermanenceReviewMonths),
            ReturnInterviewWithin = Duration.FromHours(Int(section, "ReturnInterviewHours", (int)t.ReturnInterviewWithin.TotalHours)),
            DueSoonWindowDays = Int(section, nameof(Timescales.DueSoonWindowDays), t.DueSoonWindowDays),
            ReviewHealthAssessmentYoungMonths = Int(section, nameof(Timescales.ReviewHealthAssessmentYoungMonths), t.ReviewHealthAssessmentYoungMonths),
            ReviewHealthAssessmentMonths = Int(section, nameof(Timescales.ReviewHealthAssessmentMonths), t.ReviewHealthAssessmentMonths),
            ReviewHealthAssessmentAgeYears = Int(section, nameof(Timescales.ReviewHealthAssessmentAgeYears), t.ReviewHealthAssessmentAgeYears),
        };

        var escalations = defaults.Escalations.ToBuilder();
        foreach (var rule in Enum.GetValues<RuleId>())
        {
            var ruleSection = section.GetSection($"Rules:{rule.Code()}");
            var d = defaults.EscalationFor(rule);
            escalations[rule] = new RuleEscalation(
                Int(ruleSection, nameof(RuleEscalation.Level2ThresholdDays), d.Level2ThresholdDays),
                Audiences(ruleSection, nameof(RuleEscalation.Level0), d.Level0),
                Audiences(ruleSection, nameof(RuleEscalation.Level1Adds), d.Level1Adds),
                Audiences(ruleSection, nameof(RuleEscalation.Level2Adds), d.Level2Adds))
            {
                SameDayAlert = Boolean(ruleSection, nameof(RuleEscalation.SameDayAlert), d.SameDayAlert),
            };
        }

        return new AlertPolicy(timescales, escalations.ToImmutable()) { Priority = Priority(section) };
    }

    /// <summary>
    /// `CpAlerts__Policy__Priority`: every rule code once, most pressing first (default RETURN_INTERVIEW, IHA_REQUEST,
    /// IHA_COMPLETION, REVIEW_HEALTH_ASSESSMENT, PERMANENCE_REVIEW, DENTAL_CHECK): the order "most urgent first" puts
    /// timescales in within a level.
    /// </summary>
    private static ImmutableArray<RuleId> Priority(IConfigurationSection section)
    {
        const string key = "Priority";
        if (section[key] is not { Length: > 0 } text)
        {
            return Domain.Rules.AlertPolicy.DefaultPriority;
        }

        var codes = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var rules = codes.Select(c => Enum.GetValues<RuleId>().Where(r => string.Equals(r.Code(), c, StringComparison.OrdinalIgnoreCase)).Cast<RuleId?>().FirstOrDefault()).ToList();
        var all = string.Join(", ", Enum.GetValues<RuleId>().Select(r => r.Code()));
        return rules.Any(r => r is null) || rules.Distinct().Count() != Enum.GetValues<RuleId>().Length || rules.Count != Enum.GetValues<RuleId>().Length
            ? throw new InvalidSettingException($"{section.Path}:{key}", $"must list every timescale once, most pressing first: {all}")
            : [.. rules.Select(r => r!.Value)];
    }

    public static WorkingCalendar ReadCalendar(IConfiguration configuration)
    {
        var section = configuration.GetSection("CpAlerts:Calendar");
        return new WorkingCalendar(BankHolidays.EnglandAndWales(
            Dates(section, "ExtraBankHolidays"), Dates(section, "RemovedBankHolidays")));
    }

    private static int Int(IConfigurationSection section, string key, int fallback)
    {
        var text = section[key];
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, out var value) && value >= 0
            ? value
            : throw new InvalidSettingException($"{section.Path}:{key}", $"'{text}' is not a whole number of zero or more");
    }

    private static bool Boolean(IConfigurationSection section, string key, bool fallback) => SettingFlags.Read(section, key, fallback);

    private static ImmutableArray<Audience> Audiences(IConfigurationSection section, string key, ImmutableArray<Audience> fallback)
    {
        var child = section.GetSection(key);
        if (!child.Exists())
        {
            return fallback;
        }

        // Accept a list (Key:0, Key:1) or one comma-separated value.
        var names = child.Value is { } single
            ? single.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : child.GetChildren().Select(c => c.Value ?? "");
        return [.. names.Select(n => Enum.TryParse<Audience>(n, ignoreCase: true, out var a) && Enum.IsDefined(a)
            ? a
            : throw new InvalidSettingException(child.Path, $"'{n}' is not an audience (one of {string.Join(", ", Enum.GetNames<Audience>())})"))];
    }

    private static IEnumerable<LocalDate> Dates(IConfigurationSection section, string key)
    {
        var child = section.GetSection(key);
        var texts = child.Value is { } single
            ? single.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : child.GetChildren().Select(c => c.Value ?? "");
        return [.. texts.Select(text => LocalDatePattern.Iso.Parse(text) is { Success: true } date
            ? date.Value
            : throw new InvalidSettingException(child.Path, $"'{text}' is not a date (expected YYYY-MM-DD)"))];
    }
}
