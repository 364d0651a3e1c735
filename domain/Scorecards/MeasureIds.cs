namespace CpAlerts.Domain.Scorecards;

/// <summary>The ids of the scorecard's measures, as pages, exports and messages write them.</summary>
public static class MeasureIds
{
    /// <summary>Children whose IHA deadline (20 working days by default) fell in the period: IHA completed by then.</summary>
    public const string IhaWithin20Days = "IHA_WITHIN_20_WORKING_DAYS";
    /// <summary>Children whose IHA request deadline (5 working days by default) fell in the period: requested (or completed) by then.</summary>
    public const string IhaRequestWithin5Days = "IHA_REQUEST_WITHIN_5_WORKING_DAYS";
    /// <summary>Children in care for at least 12 months with a dental check within the council's interval (12 months by default).</summary>
    public const string DentalInLast12Months = "DENTAL_CHECK_IN_LAST_12_MONTHS";
    /// <summary>Children who reached four months in care (by default) in the period: plan for permanence recorded at a review by then.</summary>
    public const string PermanencePlanBy4Months = "PERMANENCE_PLAN_BY_4_MONTHS";
    /// <summary>Missing episodes that ended in the period: return home interview offered within 72 hours (by default).</summary>
    public const string RhiOfferedWithin72Hours = "RHI_OFFERED_WITHIN_72_HOURS";
    /// <summary>Missing episodes that ended in the period: return home interview completed by its end.</summary>
    public const string RhiCompleted = "RHI_COMPLETED";
    /// <summary>Children in care for at least 12 months whose latest health assessment (IHA or review) is within 6 months (under 5) or 12 months (5 and over) of the period end.</summary>
    public const string HealthAssessmentsUpToDate = "HEALTH_ASSESSMENTS_UP_TO_DATE";

    /// <summary>Every measure id, in the order the scorecard shows them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [IhaWithin20Days, IhaRequestWithin5Days, DentalInLast12Months, HealthAssessmentsUpToDate, PermanencePlanBy4Months, RhiOfferedWithin72Hours, RhiCompleted];
}
