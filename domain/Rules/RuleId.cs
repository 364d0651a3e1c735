namespace CpAlerts.Domain.Rules;

/// <summary>The statutory timescales CpAlerts watches. <see cref="RuleIds.Code"/> gives the id of RULES.md.</summary>
public enum RuleId
{
    /// <summary>IHA_REQUEST: the initial health assessment requested within 5 working days of entering care.</summary>
    IhaRequest,

    /// <summary>IHA_COMPLETION: the initial health assessment done within 20 working days of entering care.</summary>
    IhaCompletion,

    /// <summary>DENTAL_CHECK: a dental check every 12 months.</summary>
    DentalCheck,

    /// <summary>PERMANENCE_REVIEW: a plan for permanence recorded at a review by four months in care.</summary>
    PermanenceReview,

    /// <summary>RETURN_INTERVIEW: a return home interview offered within 72 hours of a missing child returning.</summary>
    ReturnInterview,

    /// <summary>REVIEW_HEALTH_ASSESSMENT: a review health assessment every 6 months before the fifth birthday, every 12 after.</summary>
    ReviewHealthAssessment,
}

/// <summary>The rule ids of RULES.md and the rules' names in words.</summary>
public static class RuleIds
{
    /// <summary>The rule's id as RULES.md, exports and messages write it, e.g. "IHA_COMPLETION".</summary>
    public static string Code(this RuleId rule) => rule switch
    {
        RuleId.IhaRequest => "IHA_REQUEST",
        RuleId.IhaCompletion => "IHA_COMPLETION",
        RuleId.DentalCheck => "DENTAL_CHECK",
        RuleId.PermanenceReview => "PERMANENCE_REVIEW",
        RuleId.ReturnInterview => "RETURN_INTERVIEW",
        RuleId.ReviewHealthAssessment => "REVIEW_HEALTH_ASSESSMENT",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
    };

    /// <summary>Reads a rule id such as "IHA_COMPLETION" (any case); false when it is not one of the rules.</summary>
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
        RuleId.ReviewHealthAssessment => "Review health assessment",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
    };
}
