using CpAlerts.Domain.Acknowledgements;
using CpAlerts.Domain.Calendar;
using CpAlerts.Domain.Escalation;
using CpAlerts.Domain.Notifications;
using CpAlerts.Domain.Rules;
using static CpAlerts.Domain.Tests.Records;

namespace CpAlerts.Domain.Tests;

/// <summary>The reasons an item can be in hand fit its timescale: nobody silences a dental check with "court proceedings".</summary>
public class TimescaleReasonsTests
{
    private static readonly NotificationPolicy Policy = new(AlertPolicy.Default, WorkingCalendar.EnglandAndWales);

    [Theory]
    // timescale, reason, offered?
    [InlineData(RuleId.DentalCheck, AcknowledgementReason.AppointmentBooked, true)]
    [InlineData(RuleId.DentalCheck, AcknowledgementReason.CourtProceedings, false)]
    [InlineData(RuleId.DentalCheck, AcknowledgementReason.ReviewBooked, false)]
    [InlineData(RuleId.DentalCheck, AcknowledgementReason.ConsentAwaited, false)] // carers consent under delegated authority
    [InlineData(RuleId.PermanenceReview, AcknowledgementReason.ReviewBooked, true)]
    [InlineData(RuleId.PermanenceReview, AcknowledgementReason.CourtProceedings, true)]
    [InlineData(RuleId.PermanenceReview, AcknowledgementReason.AppointmentBooked, false)]
    [InlineData(RuleId.PermanenceReview, AcknowledgementReason.ChildDeclined, false)]
    [InlineData(RuleId.ReturnInterview, AcknowledgementReason.MissingAgain, true)]
    [InlineData(RuleId.ReturnInterview, AcknowledgementReason.ConsentAwaited, false)]
    [InlineData(RuleId.IhaRequest, AcknowledgementReason.ConsentAwaited, true)]
    [InlineData(RuleId.IhaRequest, AcknowledgementReason.AppointmentBooked, false)] // the request is what lets them book
    [InlineData(RuleId.IhaCompletion, AcknowledgementReason.ConsentAwaited, true)]
    [InlineData(RuleId.ReviewHealthAssessment, AcknowledgementReason.ChildDeclined, true)]
    [InlineData(RuleId.ReviewHealthAssessment, AcknowledgementReason.MissingAgain, false)]
    public void Each_timescale_offers_the_reasons_that_can_hold_it_up(RuleId rule, AcknowledgementReason reason, bool offered)
    {
        Assert.Equal(offered, TimescaleReasons.Fits(rule, reason));
        // The form and the check agree: a reason not offered is refused with words, one offered is accepted.
        var problem = Policy.AcknowledgementProblem(rule, reason, null, D("2026-12-04"), D("2026-12-03"));
        if (offered)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.StartsWith("Choose one of the reasons listed", problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_timescale_names_its_reasons_with_other_last_and_none_twice()
    {
        foreach (var rule in Enum.GetValues<RuleId>())
        {
            var reasons = TimescaleReasons.For(rule);
            Assert.Equal(AcknowledgementReason.Other, reasons[^1]);
            Assert.Equal(reasons.Count, reasons.Distinct().Count());
        }

        // Every reason fits some timescale: none is left that nobody can choose.
        Assert.All(Enum.GetValues<AcknowledgementReason>(), r => Assert.Contains(Enum.GetValues<RuleId>(), rule => TimescaleReasons.Fits(rule, r)));
    }
}
