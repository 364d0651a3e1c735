using CpAlerts.Domain.Records;

namespace CpAlerts.Domain.Rules;

/// <summary>The IHA must be requested within 5 working days of entering care (a completed IHA counts too).</summary>
public sealed class IhaRequestRule : IDueDateRule
{
    /// <summary>Which rule this is: IHA_REQUEST.</summary>
    public RuleId Id => RuleId.IhaRequest;

    /// <summary>A finding when no IHA has been requested (or completed) since the child entered care and the request is due soon or overdue.</summary>
    public IEnumerable<Finding> Evaluate(ChildRecords records, EvaluationContext context)
    {
        var entered = records.Child.EnteredCare;
        var requested = records.HealthAssessments.Any(a =>
            a.Type == AssessmentType.Iha &&
            (context.HappenedSince(a.RequestedOn, entered) || context.HappenedSince(a.CompletedOn, entered)));
        if (requested)
        {
            yield break;
        }

        var due = context.Calendar.AddWorkingDays(entered, context.Timescales.IhaRequestWorkingDays);
        if (context.Classify(Id, records.Child.ChildId, records.Child.ChildId, due) is { } finding)
        {
            yield return finding;
        }
    }
}
