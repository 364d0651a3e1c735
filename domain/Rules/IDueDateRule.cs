using CpAlerts.Domain.Records;

namespace CpAlerts.Domain.Rules;

/// <summary>One statutory timescale: given a child in care, the findings it raises now.</summary>
public interface IDueDateRule
{
    RuleId Id { get; }

    IEnumerable<Finding> Evaluate(ChildRecords records, EvaluationContext context);
}
