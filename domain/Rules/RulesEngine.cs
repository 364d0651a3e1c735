using System.Collections.Immutable;
using CpAlerts.Domain.Records;

namespace CpAlerts.Domain.Rules;

/// <summary>Runs every rule over every child in care on the as-of date.</summary>
/// <param name="rules">The rules to run.</param>
public sealed class RulesEngine(IEnumerable<IDueDateRule> rules)
{
    private readonly ImmutableArray<IDueDateRule> _rules = [.. rules];

    /// <summary>The six rules of RULES.md.</summary>
    public static RulesEngine Standard { get; } = new(
    [
        new IhaRequestRule(),
        new IhaCompletionRule(),
        new DentalCheckRule(),
        new PermanenceReviewRule(),
        new ReturnInterviewRule(),
        new ReviewHealthAssessmentRule(),
    ]);

    /// <summary>Findings for one child (none when the child is not in care on the as-of date).</summary>
    public IEnumerable<Finding> Evaluate(ChildRecords records, EvaluationContext context) =>
        records.Child.IsInCareOn(context.AsOfDate)
            ? _rules.SelectMany(rule => rule.Evaluate(records, context))
            : [];

    /// <summary>All findings for a caseload, most urgent first. Streams children; holds only findings.</summary>
    public ImmutableArray<Finding> Evaluate(IEnumerable<ChildRecords> children, EvaluationContext context) =>
        [.. children.SelectMany(c => Evaluate(c, context)).Order(Finding.UrgencyOrder)];
}
