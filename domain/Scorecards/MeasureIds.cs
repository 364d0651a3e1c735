namespace CpAlerts.Domain.Scorecards;

public static class MeasureIds
{
    public const string IhaWithin20Days = "IHA_WITHIN_20_WORKING_DAYS";
    public const string IhaRequestWithin5Days = "IHA_REQUEST_WITHIN_5_WORKING_DAYS";
    public const string DentalInLast12Months = "DENTAL_CHECK_IN_LAST_12_MONTHS";
    public const string PermanencePlanBy4Months = "PERMANENCE_PLAN_BY_4_MONTHS";
    public const string RhiOfferedWithin72Hours = "RHI_OFFERED_WITHIN_72_HOURS";
    public const string RhiCompleted = "RHI_COMPLETED";
}
