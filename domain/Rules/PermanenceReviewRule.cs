using CpAlerts.Domain.Calendar;
using CpAlerts.Domain.Records;

namespace CpAlerts.Domain.Rules;

/// <summary>By four months in care a review must have recorded a plan for permanence.</summary>
public sealed class PermanenceReviewRule : IDueDateRule
{
    /// <summary>Which rule this is: PERMANENCE_REVIEW.</summary>
    public RuleId Id => RuleId.PermanenceReview;

    /// <summary>A finding when no review since the child entered care has recorded a plan for permanence and it is due soon or overdue.</summary>
    public IEnumerable<Finding> Evaluate(ChildRecords records, EvaluationContext context)
    {
        var entered = records.Child.EnteredCare;
        if (records.Reviews.Any(r => r.PermanencePlan && context.HappenedSince(r.HeldOn, entered)))
        {
            yield break;
        }

        var due = WorkingCalendar.AddMonths(entered, context.Timescales.PermanenceReviewMonths);
        if (context.Classify(Id, records.Child.ChildId, records.Child.ChildId, due) is { } finding)
        {
            yield return finding;
        }
    }
}
