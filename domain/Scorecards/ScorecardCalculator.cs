using System.Collections.Immutable;
using CpAlerts.Domain.Acknowledgements;
using CpAlerts.Domain.Calendar;
using CpAlerts.Domain.Records;
using CpAlerts.Domain.Rules;
using NodaTime;

namespace CpAlerts.Domain.Scorecards;

/// <summary>
/// The measures councils report to their Corporate Parenting board, from the same records as the alerts.
/// Everything is "as of" the period's last day: later records have not happened yet, so a scorecard for
/// an earlier month can be computed from today's export.
/// </summary>
/// <param name="calendar">The working-day calendar for the IHA deadlines.</param>
/// <param name="policy">The council's timescales, which the measures and their titles use.</param>
public sealed class ScorecardCalculator(WorkingCalendar calendar, AlertPolicy policy)
{
    /// <summary>
    /// The reasons recorded when items were said to be in hand (the acknowledgement audit): each late child or episode is
    /// counted under the latest reason recorded for it, on that measure's rule, by the end of the period.
    /// </summary>
    public IReadOnlyList<Acknowledgement> RecordedReasons { get; init; } = [];

    /// <summary>The late ones of a measure by the reason recorded for them (none recorded: not counted).</summary>
    private ImmutableDictionary<AcknowledgementReason, int> LateReasons(RuleId rule, IEnumerable<string> lateSubjects, Instant asOf)
    {
        var latest = RecordedReasons.Where(a => a.Rule == rule && a.RecordedAt <= asOf)
            .GroupBy(a => a.SubjectId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.MaxBy(a => a.RecordedAt)!.Reason, StringComparer.Ordinal);
        return lateSubjects.Where(latest.ContainsKey).GroupBy(s => latest[s]).ToImmutableDictionary(g => g.Key, g => g.Count());
    }

    /// <summary>The scorecard of these children for the period, as of the end of its last day; <paramref name="group"/> names them.</summary>
    public Scorecard Compute(IEnumerable<ChildRecords> children, ReportingPeriod period, string group)
    {
        var all = children.ToList();
        // The end of the period's last day in London: the as-of instant of the period.
        var asOf = LondonTime.ToInstant(period.End.PlusDays(1).AtMidnight()) - Duration.FromTicks(1);
        var context = new EvaluationContext(asOf, calendar, policy);
        var t = policy.Timescales;

        // One measure: of a cohort, how many met it; the late ones by any reason recorded on the measure's rule.
        Measure Counted<T>(string id, string title, string definition, IReadOnlyCollection<T> cohort, Func<T, bool> met, RuleId? rule, Func<T, string> subject)
        {
            var late = cohort.Where(x => !met(x)).ToList();
            return new Measure(id, title, definition, cohort.Count - late.Count, cohort.Count)
            {
                LateReasons = rule is { } r ? LateReasons(r, late.Select(subject), asOf) : ImmutableDictionary<AcknowledgementReason, int>.Empty,
            };
        }

        static string ChildOf(ChildRecords c) => c.Child.ChildId;

        // Cohort: children whose deadline fell in the period. Each child is counted once, when the outcome is
        // known; counting entrants instead would include only early successes from late in the period.
        Measure Iha(string id, RuleId rule, string title, int workingDays, Func<HealthAssessment, LocalDate?> doneOn, string definition)
        {
            LocalDate Due(ChildRecords c) => calendar.AddWorkingDays(c.Child.EnteredCare, workingDays);
            var cohort = all.Where(c => period.Contains(Due(c)) && c.Child.IsInCareOn(Due(c))).ToList();
            return Counted(id, title, definition, cohort, c => c.HealthAssessments.Where(a => a.Type == AssessmentType.Iha)
                .Select(doneOn).Where(d => context.HappenedSince(d, c.Child.EnteredCare)).Min() is { } done && done <= Due(c), rule, ChildOf);
        }

        // Titles say the council's own timescales: a council that sets 15 working days must not read "20".
        var iha = Iha(MeasureIds.IhaWithin20Days, RuleId.IhaCompletion, $"IHAs within {t.IhaCompletionWorkingDays} working days", t.IhaCompletionWorkingDays, a => a.CompletedOn,
            $"Children entering care whose {t.IhaCompletionWorkingDays}-working-day deadline for the initial health assessment fell in the period (so every child counts once, when the outcome is known): IHA completed by the deadline.");
        var request = Iha(MeasureIds.IhaRequestWithin5Days, RuleId.IhaRequest, $"IHA requests within {t.IhaRequestWorkingDays} working days", t.IhaRequestWorkingDays, a => Earliest(a.RequestedOn, a.CompletedOn),
            $"Children entering care whose {t.IhaRequestWorkingDays}-working-day deadline for requesting the IHA fell in the period: request (or completion) made by the deadline.");

        // The cohort is the DfE's (looked after for at least 12 months); the window is the council's dental interval.
        var yearAgo = WorkingCalendar.AddMonths(period.End, -12);
        var interval = t.DentalCheckIntervalMonths;
        var windowStart = WorkingCalendar.AddMonths(period.End, -interval);
        var longTerm = all.Where(c => c.Child.IsInCareOn(period.End) && c.Child.EnteredCare <= yearAgo).ToList();
        var dental = Counted(MeasureIds.DentalInLast12Months, $"Dental check in the last {interval} months",
            $"Children in care at the end of the period, looked after for at least 12 months, with a dental check in the {interval} months to the end of the period.",
            longTerm, c => c.DentalChecks.Any(d => d.CheckedOn > windowStart && d.CheckedOn <= period.End), RuleId.DentalCheck, ChildOf);

        // Reviews: the same cohort as dental; the window by the child's age at the period end (RULES.md's review timescales).
        var upToDate = Counted(MeasureIds.HealthAssessmentsUpToDate, "Health assessments up to date",
            $"Children in care at the end of the period, looked after for at least 12 months, with a health assessment (initial or review) completed in the {t.ReviewHealthAssessmentYoungMonths} months (under {t.ReviewHealthAssessmentAgeYears} at the end of the period) or {t.ReviewHealthAssessmentMonths} months (older) to the end of the period.",
            longTerm, c =>
            {
                var young = period.End < WorkingCalendar.AddMonths(c.Child.DateOfBirth, t.ReviewHealthAssessmentAgeYears * 12);
                var from = WorkingCalendar.AddMonths(period.End, -(young ? t.ReviewHealthAssessmentYoungMonths : t.ReviewHealthAssessmentMonths));
                return c.HealthAssessments.Any(a => a.CompletedOn is { } done && done > from && done <= period.End);
            }, RuleId.ReviewHealthAssessment, ChildOf);

        var reachedFour = all.Where(c => period.Contains(WorkingCalendar.AddMonths(c.Child.EnteredCare, t.PermanenceReviewMonths))).ToList();
        var permanence = Counted(MeasureIds.PermanencePlanBy4Months, $"Permanence plan by the {Words(t.PermanenceReviewMonths)}-month review",
            $"Children who reached {t.PermanenceReviewMonths} months in care in the period with a plan for permanence recorded at a review by then.",
            reachedFour, c =>
            {
                var due = WorkingCalendar.AddMonths(c.Child.EnteredCare, t.PermanenceReviewMonths);
                return c.Reviews.Any(r => r.PermanencePlan && r.HeldOn >= c.Child.EnteredCare && r.HeldOn <= due);
            }, RuleId.PermanenceReview, ChildOf);

        var ended = all.SelectMany(c => c.MissingEpisodes)
            .Where(e => e.ReturnedAt is { } back && back <= asOf && period.Contains(LondonTime.DateOf(back))).ToList();
        var hours = (int)t.ReturnInterviewWithin.TotalHours;
        var offered = Counted(MeasureIds.RhiOfferedWithin72Hours, $"Return home interviews offered within {hours} hours",
            $"Missing episodes that ended in the period where a return home interview was offered within {hours} hours of the return.",
            ended, e => e.RhiOfferedAt is { } at && at <= asOf && at <= e.ReturnedAt!.Value + t.ReturnInterviewWithin, RuleId.ReturnInterview, e => e.EpisodeId);
        var completed = Counted(MeasureIds.RhiCompleted, "Return home interviews completed",
            "Missing episodes that ended in the period where a return home interview was completed (by the end of the period).",
            ended, e => e.RhiCompletedAt is { } at && at <= asOf, RuleId.ReturnInterview, e => e.EpisodeId);

        var open = RulesEngine.Standard.Evaluate(all, context)
            .GroupBy(f => (f.Rule, f.Level))
            .ToImmutableDictionary(g => g.Key, g => g.Count());

        return new Scorecard(period, group, [iha, request, dental, upToDate, permanence, offered, completed], open);
    }

    /// <summary>Small numbers in words, as board papers write them ("four-month review").</summary>
    private static string Words(int n) => n is >= 1 and <= 12
        ? new[] { "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve" }[n - 1]
        : n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static LocalDate? Earliest(LocalDate? a, LocalDate? b) => (a, b) switch
    {
        ({ } x, { } y) => x < y ? x : y,
        _ => a ?? b,
    };
}
