using CpAlerts.Domain.Rules;

namespace CpAlerts.Domain.Acknowledgements;

/// <summary>
/// The reasons that can keep each timescale in hand: what could really be delaying it, so nobody silences a dental
/// check with "court proceedings" or a plan for permanence with "appointment booked". "Other" is always last.
/// </summary>
public static class TimescaleReasons
{
    /// <summary>The reasons offered for the timescale, in the order the form lists them.</summary>
    public static IReadOnlyList<AcknowledgementReason> For(RuleId rule) => rule switch
    {
        // The social worker sends the request; what holds it up is consent or a move.
        RuleId.IhaRequest => [AcknowledgementReason.ConsentAwaited, AcknowledgementReason.PlacementMove, AcknowledgementReason.Other],
        RuleId.IhaCompletion or RuleId.ReviewHealthAssessment =>
            [AcknowledgementReason.AppointmentBooked, AcknowledgementReason.ConsentAwaited, AcknowledgementReason.ChildDeclined, AcknowledgementReason.PlacementMove, AcknowledgementReason.Other],
        // Carers consent to routine dental care under delegated authority, so consent is not among them.
        RuleId.DentalCheck => [AcknowledgementReason.AppointmentBooked, AcknowledgementReason.ChildDeclined, AcknowledgementReason.PlacementMove, AcknowledgementReason.Other],
        RuleId.PermanenceReview => [AcknowledgementReason.ReviewBooked, AcknowledgementReason.CourtProceedings, AcknowledgementReason.PlacementMove, AcknowledgementReason.Other],
        RuleId.ReturnInterview => [AcknowledgementReason.AppointmentBooked, AcknowledgementReason.ChildDeclined, AcknowledgementReason.MissingAgain, AcknowledgementReason.Other],
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "every timescale names its reasons"),
    };

    /// <summary>Whether <paramref name="reason"/> can keep <paramref name="rule"/>'s items in hand.</summary>
    public static bool Fits(RuleId rule, AcknowledgementReason reason) => For(rule).Contains(reason);
}
