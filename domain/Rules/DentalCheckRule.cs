using CpAlerts.Domain.Calendar;
using CpAlerts.Domain.Records;

namespace CpAlerts.Domain.Rules;

/// <summary>A dental check is due 12 months after the last one (or after entering care if none): always a next due date.</summary>
public sealed class DentalCheckRule : IDueDateRule
{
    /// <summary>Which rule this is: DENTAL_CHECK.</summary>
    public RuleId Id => RuleId.DentalCheck;

    /// <summary>A finding for the child's next dental check, when it is due soon or overdue.</summary>
    public IEnumerable<Finding> Evaluate(ChildRecords records, EvaluationContext context)
    {
        var lastCheck = records.DentalChecks
            .Where(c => context.HasHappened(c.CheckedOn))
            .Select(c => (NodaTime.LocalDate?)c.CheckedOn)
            .Max();
        var basis = lastCheck ?? records.Child.EnteredCare;
        var due = WorkingCalendar.AddMonths(basis, context.Timescales.DentalCheckIntervalMonths);
        if (context.Classify(Id, records.Child.ChildId, records.Child.ChildId, due) is { } finding)
        {
            yield return finding;
        }
    }
}
