using CpAlerts.Domain.Calendar;
using CpAlerts.Domain.Records;

namespace CpAlerts.Domain.Rules;

/// <summary>
/// A review health assessment is due 6 months after the latest health assessment of this care episode
/// when the child was under 5 on that date, 12 months after it otherwise (RULES.md,
/// REVIEW_HEALTH_ASSESSMENT). It is only checked once the initial health assessment is done: before that,
/// the IHA rules apply. Never satisfied: each assessment moves the next due date on.
/// </summary>
public sealed class ReviewHealthAssessmentRule : IDueDateRule
{
    /// <summary>Which rule this is: REVIEW_HEALTH_ASSESSMENT.</summary>
    public RuleId Id => RuleId.ReviewHealthAssessment;

    /// <summary>A finding for the child's next review health assessment, when it is due soon or overdue.</summary>
    public IEnumerable<Finding> Evaluate(ChildRecords records, EvaluationContext context)
    {
        var child = records.Child;
        var episode = records.HealthAssessments.Where(a => context.HappenedSince(a.CompletedOn, child.EnteredCare)).ToList();
        if (!episode.Any(a => a.Type == AssessmentType.Iha))
        {
            yield break;
        }

        var t = context.Timescales;
        var latest = episode.Max(a => a.CompletedOn!.Value);
        var underAge = latest < WorkingCalendar.AddMonths(child.DateOfBirth, t.ReviewHealthAssessmentAgeYears * 12);
        var due = WorkingCalendar.AddMonths(latest, underAge ? t.ReviewHealthAssessmentYoungMonths : t.ReviewHealthAssessmentMonths);
        if (context.Classify(Id, child.ChildId, child.ChildId, due) is { } finding)
        {
            yield return finding;
        }
    }
}
