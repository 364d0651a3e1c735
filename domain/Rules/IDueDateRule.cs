using CpAlerts.Domain.Records;

namespace CpAlerts.Domain.Rules;

/// <summary>One statutory timescale: given a child in care, the findings it raises now.</summary>
public interface IDueDateRule
{
    /// <summary>Which rule this is.</summary>
    RuleId Id { get; }

    /// <summary>The child's findings for this rule as of the context's date; none when the timescale is met or not yet due soon.</summary>
    IEnumerable<Finding> Evaluate(ChildRecords records, EvaluationContext context);
}
