using CpAlerts.Domain.Calendar;
using CpAlerts.Domain.Escalation;
using CpAlerts.Domain.Records;
using CpAlerts.Domain.Rules;
using CpAlerts.Domain.Scorecards;
using static CpAlerts.Domain.Tests.Records;

namespace CpAlerts.Domain.Tests;

public class ScorecardTests
{
    private static readonly ReportingPeriod November = ReportingPeriod.Containing(D("2026-11-30"), PeriodKind.Month);

    private static ChildRecords Kid(string id, string entered, string? left = null) => Child(entered, left, id);

    // Hand-made caseload; every expected figure is worked out in the comments.
    private static readonly ChildRecords[] Caseload =
    [
        Kid("A", "2026-11-02").WithIha("2026-11-03", "2026-11-20"),     // deadlines 9 and 30 Nov: request and IHA in time
        Kid("B", "2026-11-02").WithIha("2026-11-10", "2026-12-01"),     // request late; IHA after the period: a miss
        Kid("C", "2026-11-25"),                                        // deadlines 2 and 23 Dec: next period's cohort
        Kid("D", "2026-11-25").WithIha(null, "2026-11-27"),             // done early, but its deadlines are in December: not counted yet
        Kid("F", "2026-11-30"),                                        // entered on the last day: clock still running
        Kid("G", "2026-11-02").WithIha("2026-11-09", "2026-11-30"),     // both exactly on their deadlines: met
        Kid("E", "2026-10-31").WithIha(null, "2026-11-02"),             // entered on a Saturday in October; deadlines 6 and 27 Nov: met
        Kid("H", "2024-01-01").WithDental("2025-12-01")                 // dental: checked within 12 months
            .WithIha(null, "2024-01-05").WithReview("2024-03-01", true)
            .WithMissing("P1", "2026-11-10T10:00:00Z", "2026-11-12T10:00:00Z")
            .WithMissing("P2", "2026-11-20T10:00:00Z", "2026-11-23T11:00:00Z")
            .WithMissing("P3", "2026-11-30T23:30:00Z", "2026-12-01T01:00:00Z")
            .WithMissing("P4", "2026-10-31T23:30:00Z", "2026-11-01T01:00:00Z")
            .WithMissing("P5", null),
        Kid("I", "2024-01-01").WithDental("2025-11-30"),                // exactly 12 months before the end: not within
        Kid("J", "2025-11-30").WithDental("2026-12-05"),                // in care exactly 12 months; check after the period
        Kid("K", "2025-12-01"),                                        // not yet 12 months in care
        Kid("L", "2024-01-01", left: "2026-11-15"),                     // left care: not in the dental measure
        Kid("M", "2026-07-31").WithReview("2026-11-30", true),          // 31 Jul + 4 months = 30 Nov: plan on the day
        Kid("N", "2026-07-01").WithReview("2026-10-01", false),         // 4 months on 1 Nov: review without a plan
        Kid("O", "2026-06-30").WithReview("2026-10-01", true),          // 4 months on 30 Oct: last month
    ];

    private static Scorecard Compute() =>
        new ScorecardCalculator(WorkingCalendar.EnglandAndWales, AlertPolicy.Default).Compute(Caseload.Select(WithRhiCompletion), November, "Council");

    // P1's interview was completed on 14 November.
    private static ChildRecords WithRhiCompletion(ChildRecords c) => c with
    {
        MissingEpisodes = [.. c.MissingEpisodes.Select(e => e.EpisodeId == "P1" ? e with { RhiCompletedAt = I("2026-11-14T10:00:00Z") } : e)],
    };

    [Theory]
    [InlineData(MeasureIds.IhaWithin20Days, 3, 4)]          // A, G, E of A, B, G, E
    [InlineData(MeasureIds.IhaRequestWithin5Days, 3, 4)]    // A, G, E (a completion counts as the request) of A, B, G, E
    [InlineData(MeasureIds.DentalInLast12Months, 1, 3)]     // H of H, I, J
    [InlineData(MeasureIds.PermanencePlanBy4Months, 1, 2)]  // M of M, N
    [InlineData(MeasureIds.RhiOfferedWithin72Hours, 1, 3)]  // P1 of P1, P2 (73 hours), P3 (offered after the period)
    [InlineData(MeasureIds.RhiCompleted, 1, 3)]             // P1
    public void Measures_on_a_hand_made_caseload(string id, int numerator, int denominator)
    {
        var measure = Compute()[id];
        Assert.Equal((numerator, denominator), (measure.Numerator, measure.Denominator));
        Assert.False(string.IsNullOrWhiteSpace(measure.Definition));
    }

    [Theory]
    [InlineData("D", 0, 0)] // done early but its deadline is next period: counted there, not here
    [InlineData("E", 1, 1)] // entered last period, deadline this period: counted here
    [InlineData("B", 0, 1)] // completed after the period end: not yet happened, a miss
    public void Iha_cohort_is_the_children_whose_deadline_fell_in_the_period(string child, int numerator, int denominator)
    {
        var one = new ScorecardCalculator(WorkingCalendar.EnglandAndWales, AlertPolicy.Default)
            .Compute(Caseload.Where(c => c.Child.ChildId == child), November, "Council")[MeasureIds.IhaWithin20Days];
        Assert.Equal((numerator, denominator), (one.Numerator, one.Denominator));
    }

    [Fact]
    public void Open_findings_by_rule_and_level_are_those_the_alerts_would_raise_at_the_period_end()
    {
        var scorecard = Compute();
        var context = new EvaluationContext(LondonTime.ToInstant(D("2026-12-01").AtMidnight()) - NodaTime.Duration.FromTicks(1), WorkingCalendar.EnglandAndWales, AlertPolicy.Default);
        var expected = RulesEngine.Standard.Evaluate(Caseload.Select(WithRhiCompletion), context);
        Assert.Equal(expected.Length, scorecard.OpenFindings.Values.Sum());
        Assert.Equal(expected.Count(f => f.Rule == RuleId.ReturnInterview && f.Level == EscalationLevel.Escalated),
            scorecard.OpenFindings.GetValueOrDefault((RuleId.ReturnInterview, EscalationLevel.Escalated)));
    }

    [Theory]
    [InlineData(null, RagStatus.NoneCounted)]
    [InlineData(69.9, RagStatus.BelowTarget)]
    [InlineData(70.0, RagStatus.CloseToTarget)]
    [InlineData(79.9, RagStatus.CloseToTarget)]
    [InlineData(80.0, RagStatus.OnTarget)]
    [InlineData(100.0, RagStatus.OnTarget)]
    public void Rag_bands(double? percent, RagStatus expected) => Assert.Equal(expected, ScorecardPolicy.Default.StatusOf(percent));

    [Theory]
    // target, close-to-target edge (GoodFrom), OutstandingFrom, below-target edge (RequiresImprovementFrom), percent, band
    [InlineData(90, 60, 85, 50, 87.0, RagStatus.CloseToTarget)] // the top band once began at 85: "outstanding" yet under the target
    [InlineData(90, 60, 85, 50, 90.0, RagStatus.OnTarget)]
    [InlineData(80, 70, 90, 60, 85.0, RagStatus.OnTarget)]      // the top band once began at 90: "good" yet over the target
    [InlineData(60, 70, 80, 65, 62.0, RagStatus.OnTarget)]      // a close-to-target edge over the target: that band is empty
    [InlineData(60, 70, 80, 65, 59.0, RagStatus.WellBelowTarget)]
    [InlineData(90, 60, 85, 50, 55.0, RagStatus.BelowTarget)]   // the lower edges are the councils' settings, as before
    [InlineData(90, 60, 85, 50, 49.9, RagStatus.WellBelowTarget)]
    public void On_target_means_at_or_above_the_target_whatever_the_other_edges(double target, double goodFrom, double outstandingFrom, double requiresImprovementFrom,
        double percent, RagStatus band) =>
        Assert.Equal(band, new ScorecardPolicy(target, goodFrom, outstandingFrom, requiresImprovementFrom).StatusOf(percent));

    [Fact]
    public void No_band_is_named_like_an_ofsted_grade()
    {
        string[] ofsted = ["Outstanding", "Good", "Requires improvement", "Inadequate"];
        var words = Enum.GetValues<RagStatus>().Select(ScorecardPolicy.Words).ToList();
        Assert.Equal(words.Count, words.Distinct(StringComparer.Ordinal).Count());
        Assert.DoesNotContain(words, w => ofsted.Any(o => w.Contains(o, StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(ofsted, o => ScorecardPolicy.Default.BandsText.Contains(o, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData(80, 70, 60, "On target: 80% (the target) and above; close to target: 70% to below 80%; below target: 60% to below 70%; well below target: below 60%.")]
    [InlineData(60, 70, 65, "On target: 60% (the target) and above; well below target: below 60%.")] // empty bands are not explained
    [InlineData(90, 60, 0, "On target: 90% (the target) and above; close to target: 60% to below 90%; below target: 0% to below 60%.")]
    public void The_bands_are_explained_with_the_councils_edges(double target, double goodFrom, double requiresImprovementFrom, string text) =>
        Assert.Equal(text, new ScorecardPolicy(target, goodFrom, 80, requiresImprovementFrom).BandsText);

    [Fact]
    public void An_empty_denominator_is_none_counted_not_zero_percent() =>
        Assert.Null(new Measure("X", "x", "x", 0, 0).Percent);

    [Theory]
    // as of, kind, first month of the reporting year, start, end, label as a board paper prints it
    [InlineData("2026-11-23", PeriodKind.Month, 4, "2026-11-01", "2026-11-23", "Nov 2026 to date")]
    [InlineData("2026-11-30", PeriodKind.Month, 4, "2026-11-01", "2026-11-30", "Nov 2026")]
    [InlineData("2026-11-24", PeriodKind.Quarter, 4, "2026-10-01", "2026-11-24", "Q3 2026/27 to date")] // financial year: Oct–Dec is Q3
    [InlineData("2026-12-31", PeriodKind.Quarter, 4, "2026-10-01", "2026-12-31", "Q3 2026/27")]
    [InlineData("2026-04-01", PeriodKind.Quarter, 4, "2026-04-01", "2026-04-01", "Q1 2026/27 to date")] // the year's first day
    [InlineData("2027-03-31", PeriodKind.Quarter, 4, "2027-01-01", "2027-03-31", "Q4 2026/27")]         // the year's last day
    [InlineData("2027-02-10", PeriodKind.Year, 4, "2026-04-01", "2027-02-10", "2026/27 to date")]
    [InlineData("2024-02-29", PeriodKind.Year, 4, "2023-04-01", "2024-02-29", "2023/24 to date")]       // a leap day
    [InlineData("2026-11-23", PeriodKind.Quarter, 1, "2026-10-01", "2026-11-23", "Q4 2026 to date")]    // calendar years, a setting
    [InlineData("2026-02-14", PeriodKind.Year, 1, "2026-01-01", "2026-02-14", "2026 to date")]
    [InlineData("2026-12-31", PeriodKind.Year, 1, "2026-01-01", "2026-12-31", "2026")]
    public void Periods_follow_the_reporting_year_and_run_to_date(string date, PeriodKind kind, int yearStart, string start, string end, string label)
    {
        var period = ReportingPeriod.Containing(D(date), kind, yearStart);
        Assert.Equal((D(start), D(end), label), (period.Start, period.End, period.Label));
    }

    [Theory]
    // percent, band with the default four bands
    [InlineData(92.7, RagStatus.OnTarget)]
    [InlineData(80.0, RagStatus.OnTarget)]
    [InlineData(79.9, RagStatus.CloseToTarget)]
    [InlineData(70.0, RagStatus.CloseToTarget)]
    [InlineData(69.0, RagStatus.BelowTarget)]
    [InlineData(60.0, RagStatus.BelowTarget)]
    [InlineData(59.9, RagStatus.WellBelowTarget)]
    [InlineData(45.8, RagStatus.WellBelowTarget)] // no longer looks like 69%
    [InlineData(0.0, RagStatus.WellBelowTarget)]
    public void Four_bands_from_the_councils_own_reports(double percent, RagStatus band) =>
        Assert.Equal(band, ScorecardPolicy.Default.StatusOf(percent));

    [Theory]
    // counted, met, figure, band words, "of" text
    [InlineData(1, 0, "fewer than 5 children", "Too few to show", "")]  // "0.0% (0 of 1)" says nothing and could identify the child
    [InlineData(4, 4, "fewer than 5 children", "Too few to show", "")]  // withheld, not missing: never "No data"
    [InlineData(5, 4, "80.0%", "On target", "4 of 5")]
    [InlineData(0, 0, "none counted", "None counted", "")]             // "0 of 0" says nothing
    public void Too_few_children_are_not_a_percentage(int counted, int met, string figure, string words, string of)
    {
        var measure = new Measure("X", "x", "x", met, counted);
        Assert.Equal((figure, words), (ScorecardPolicy.Default.FigureText(measure), ScorecardPolicy.Words(ScorecardPolicy.Default.StatusOf(measure))));
        Assert.Equal(of, ScorecardPolicy.Default.OfText(measure));
    }

    [Fact]
    public void Twelve_month_trend_ends_with_the_month_to_date()
    {
        var months = ReportingPeriod.MonthsEndingWith(D("2026-03-31"), 12);
        Assert.Equal(12, months.Count);
        Assert.Equal((D("2025-04-01"), D("2025-04-30")), (months[0].Start, months[0].End));
        Assert.Equal((D("2026-02-01"), D("2026-02-28")), (months[10].Start, months[10].End));
        Assert.Equal((D("2026-03-01"), D("2026-03-31")), (months[11].Start, months[11].End));
    }

    [Theory]
    [InlineData(PeriodKind.Month, "month")]
    [InlineData(PeriodKind.Quarter, "quarter")]
    [InlineData(PeriodKind.Year, "year")]
    public void A_period_kind_is_written_and_read_by_the_same_name(PeriodKind kind, string name)
    {
        Assert.Equal(name, ReportingPeriod.NameOf(kind));
        Assert.Equal(kind, ReportingPeriod.KindNamed(name));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Month")]
    [InlineData("fortnight")]
    public void Anything_else_is_no_period_kind(string? name) => Assert.Null(ReportingPeriod.KindNamed(name));

    [Theory]
    [InlineData(null, "none counted", "None counted")]
    [InlineData(87.5, "87.5%", "On target")]
    [InlineData(70.0, "70.0%", "Close to target")]
    [InlineData(69.9, "69.9%", "Below target")]
    [InlineData(59.9, "59.9%", "Well below target")]
    public void A_figure_is_printed_with_its_band_in_words(double? percent, string printed, string words)
    {
        var measure = percent is { } p ? new Measure("X", "X", "X", (int)(p * 10), 1000) : new Measure("X", "X", "X", 0, 0);
        Assert.Equal(printed, measure.PercentText);
        Assert.Equal(words, ScorecardPolicy.Words(ScorecardPolicy.Default.StatusOf(measure)));
    }

    [Fact]
    public void Titles_and_the_dental_window_follow_the_councils_timescales()
    {
        var policy = AlertPolicy.Default with
        {
            Timescales = AlertPolicy.Default.Timescales with
            {
                IhaCompletionWorkingDays = 15, IhaRequestWorkingDays = 3, DentalCheckIntervalMonths = 6, PermanenceReviewMonths = 3,
                ReturnInterviewWithin = NodaTime.Duration.FromHours(48),
            },
        };

        var card = new ScorecardCalculator(WorkingCalendar.EnglandAndWales, policy).Compute(Caseload.Select(WithRhiCompletion), November, "Council");

        Assert.Equal(
            ["IHAs within 15 working days", "IHA requests within 3 working days", "Dental check in the last 6 months", "Health assessments up to date", "Permanence plan by the three-month review",
             "Return home interviews offered within 48 hours", "Return home interviews completed"],
            card.Measures.Select(m => m.Title));
        // H's check (1 Dec 2025) is within 12 months of 30 Nov 2026 but not within 6: no one of H, I, J met it.
        Assert.Equal((0, 3), (card[MeasureIds.DentalInLast12Months].Numerator, card[MeasureIds.DentalInLast12Months].Denominator));
    }

    [Fact]
    public void With_the_default_timescales_the_titles_read_as_before()
    {
        Assert.Equal(
            ["IHAs within 20 working days", "IHA requests within 5 working days", "Dental check in the last 12 months", "Health assessments up to date", "Permanence plan by the four-month review",
             "Return home interviews offered within 72 hours", "Return home interviews completed"],
            Compute().Measures.Select(m => m.Title));
    }

    [Fact]
    public void Health_assessments_up_to_date_counts_by_the_childs_age_at_the_period_end()
    {
        static ChildRecords Born(string id, string born, string entered) =>
            Kid(id, entered) is var c ? c with { Child = c.Child with { DateOfBirth = D(born) } } : c;
        ChildRecords[] caseload =
        [
            Born("P", "2022-06-01", "2024-01-01").WithIha(null, "2026-06-15", AssessmentType.Rha), // under 5: within 6 months of 30 Nov
            Born("Q", "2022-06-01", "2024-01-01").WithIha(null, "2026-05-30", AssessmentType.Rha), // under 5: 6 months and a day: not
            Born("R", "2015-01-01", "2024-01-01").WithIha(null, "2025-12-01", AssessmentType.Rha), // over 5: within 12 months
            Born("S", "2015-01-01", "2024-01-01").WithIha(null, "2025-11-30", AssessmentType.Rha), // exactly 12 months: not within
            Born("U", "2021-11-30", "2024-01-01").WithIha(null, "2026-01-10", AssessmentType.Rha), // five on the period end: 12 months
            Born("T", "2015-01-01", "2026-01-01").WithIha(null, "2026-01-10"),                      // not yet 12 months in care: not counted
        ];

        var measure = new ScorecardCalculator(WorkingCalendar.EnglandAndWales, AlertPolicy.Default).Compute(caseload, November, "Council")[MeasureIds.HealthAssessmentsUpToDate];

        Assert.Equal((3, 5), (measure.Numerator, measure.Denominator)); // P, R, U of P, Q, R, S, U
        Assert.Equal("Health assessments up to date", measure.Title);
    }

    [Theory]
    // now (met of counted), before, the change in words
    [InlineData(8, 10, 6, 10, "↑ up 20 points")]
    [InlineData(6, 10, 7, 10, "↓ down 10 points")]
    [InlineData(7, 10, 70, 100, "no change")]
    [InlineData(101, 200, 1, 2, "not comparable")] // last period had too few children
    [InlineData(1, 1, 5, 10, "not comparable")]
    [InlineData(0, 0, 5, 10, "not comparable")]    // none counted now
    [InlineData(71, 100, 70, 100, "↑ up 1 point")]
    public void The_change_from_the_previous_period_is_said_in_words(int met, int counted, int metBefore, int countedBefore, string words) =>
        Assert.Equal(words, ScorecardPolicy.Default.ChangeText(new Measure("X", "x", "x", met, counted), new Measure("X", "x", "x", metBefore, countedBefore)));

    private static Domain.Acknowledgements.Acknowledgement Reason(RuleId rule, string subject, Domain.Acknowledgements.AcknowledgementReason reason, string recordedAt) =>
        new($"{rule.Code()}|{subject}|2026-11-30", rule, subject, subject, EscalationLevel.Overdue, reason, null, D("2026-12-10"), "SW1", I(recordedAt));

    [Fact]
    public void Late_with_a_recorded_reason_counts_only_the_late_by_the_latest_reason_recorded_by_the_period_end()
    {
        var reasons = new[]
        {
            // B's IHA was late: consent was awaited, then (later, still in November) the appointment was booked.
            Reason(RuleId.IhaCompletion, "B", Domain.Acknowledgements.AcknowledgementReason.ConsentAwaited, "2026-11-25T09:00:00Z"),
            Reason(RuleId.IhaCompletion, "B", Domain.Acknowledgements.AcknowledgementReason.AppointmentBooked, "2026-11-27T09:00:00Z"),
            Reason(RuleId.IhaCompletion, "A", Domain.Acknowledgements.AcknowledgementReason.ChildDeclined, "2026-11-10T09:00:00Z"),      // A met it: not late
            Reason(RuleId.PermanenceReview, "N", Domain.Acknowledgements.AcknowledgementReason.PlacementMove, "2026-12-01T09:00:00Z"),  // after the period: not yet recorded
            Reason(RuleId.DentalCheck, "B", Domain.Acknowledgements.AcknowledgementReason.Other, "2026-11-20T09:00:00Z"),              // another rule's reason
        };
        var scorecard = new ScorecardCalculator(WorkingCalendar.EnglandAndWales, AlertPolicy.Default) { RecordedReasons = reasons }
            .Compute(Caseload, November, "Council");
        var iha = scorecard[MeasureIds.IhaWithin20Days];
        Assert.Equal([(Domain.Acknowledgements.AcknowledgementReason.AppointmentBooked, 1)], iha.LateReasons.Select(r => (r.Key, r.Value)));
        Assert.Equal($"Late, with a recorded reason: appointment booked 1 (of {iha.Denominator - iha.Numerator} late).", iha.LateReasonsText);
        Assert.Empty(scorecard[MeasureIds.PermanencePlanBy4Months].LateReasons);
        Assert.Null(new ScorecardCalculator(WorkingCalendar.EnglandAndWales, AlertPolicy.Default).Compute(Caseload, November, "Council")[MeasureIds.IhaWithin20Days].LateReasonsText);
    }
}
