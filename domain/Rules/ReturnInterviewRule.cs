using CpAlerts.Domain.Records;

namespace CpAlerts.Domain.Rules;

/// <summary>After each missing episode a return home interview must be offered within 72 hours of the return.</summary>
public sealed class ReturnInterviewRule : IDueDateRule
{
    /// <summary>Which rule this is: RETURN_INTERVIEW.</summary>
    public RuleId Id => RuleId.ReturnInterview;

    /// <summary>A finding for each missing episode the child has returned from where no interview has been offered and none was declined, when due soon or overdue.</summary>
    public IEnumerable<Finding> Evaluate(ChildRecords records, EvaluationContext context)
    {
        foreach (var episode in records.MissingEpisodes)
        {
            // Still missing, or the return has not happened as of now: no clock running yet.
            if (episode.ReturnedAt is not { } returnedAt || !context.HasHappened(returnedAt))
            {
                continue;
            }

            if (episode.RhiDeclined || context.HasHappened(episode.RhiOfferedAt))
            {
                continue;
            }

            var dueAt = returnedAt + context.Timescales.ReturnInterviewWithin;
            if (context.Classify(Id, records.Child.ChildId, episode.EpisodeId, dueAt) is { } finding)
            {
                yield return finding;
            }
        }
    }
}
