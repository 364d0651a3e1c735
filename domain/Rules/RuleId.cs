namespace CpAlerts.Domain.Rules;

/// <summary>The statutory timescales CpAlerts watches. <see cref="RuleIds.Code"/> gives the id of RULES.md.</summary>
public enum RuleId
{
    IhaRequest,
    IhaCompletion,
    DentalCheck,
    PermanenceReview,
    ReturnInterview,
}

public static class RuleIds
{
    public static string Code(this RuleId rule) => rule switch
    {
        RuleId.IhaRequest => "IHA_REQUEST",
        RuleId.IhaCompletion => "IHA_COMPLETION",
        RuleId.DentalCheck => "DENTAL_CHECK",
        RuleId.PermanenceReview => "PERMANENCE_REVIEW",
        RuleId.ReturnInterview => "RETURN_INTERVIEW",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
    };

    public static bool TryParse(string code, out RuleId rule)
    {
        foreach (var candidate in Enum.GetValues<RuleId>())
        {
            if (string.Equals(candidate.Code(), code, StringComparison.OrdinalIgnoreCase))
            {
                rule = candidate;
                return true;
            }
        }

        rule = default;
        return false;
    }

    /// <summary>The rule's name in plain words, for people reading emails and tables.</summary>
    public static string Title(this RuleId rule) => rule switch
    {
        RuleId.IhaRequest => "Initial health assessment request",
        RuleId.IhaCompletion => "Initial health assessment",
        RuleId.DentalCheck => "Dental check",
        RuleId.PermanenceReview => "Plan for permanence at four-month review",
        RuleId.ReturnInterview => "Return home interview offer",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
    };
}
