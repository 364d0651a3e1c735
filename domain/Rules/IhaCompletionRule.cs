using CpAlerts.Domain.Records;

namespace CpAlerts.Domain.Rules;

/// <summary>The IHA must be completed within 20 working days of entering care.</summary>
public sealed class IhaCompletionRule : IDueDateRule
{
    /// <summary>Which rule this is: IHA_COMPLETION.</summary>
    public RuleId Id => RuleId.IhaCompletion;

    /// <summary>A finding when no IHA has been completed since the child entered care and it is due soon or overdue.</summary>
    public IEnumerable<Finding> Evaluate(ChildRecords records, EvaluationContext context)
    {
        var entered = records.Child.EnteredCare;
        if (records.HealthAssessments.Any(a => a.Type == AssessmentType.Iha && context.HappenedSince(a.CompletedOn, entered)))
        {
            yield break;
        }

        var due = context.Calendar.AddWorkingDays(entered, context.Timescales.IhaCompletionWorkingDays);
        if (context.Classify(Id, records.Child.ChildId, records.Child.ChildId, due) is { } finding)
        {
            yield return finding;
        }
    }
}
