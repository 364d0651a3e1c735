namespace CpAlerts.Domain.Acknowledgements;

/// <summary>Why an item is in hand: the short list people choose from (and what boards ask about when a measure is red).</summary>
public enum AcknowledgementReason
{
    /// <summary>An appointment is booked.</summary>
    AppointmentBooked,

    /// <summary>Consent is awaited (for a section 20 child, from a parent).</summary>
    ConsentAwaited,

    /// <summary>The child declined.</summary>
    ChildDeclined,

    /// <summary>The child is moving placement.</summary>
    PlacementMove,

    /// <summary>The review is booked (a plan for permanence is made at a review).</summary>
    ReviewBooked,

    /// <summary>Court proceedings are under way and will settle the plan.</summary>
    CourtProceedings,

    /// <summary>The child has gone missing again (a return home interview waits for the next return).</summary>
    MissingAgain,

    /// <summary>Something else, described in words.</summary>
    Other,
}

/// <summary>The reasons in words and as form values.</summary>
public static class AcknowledgementReasons
{
    /// <summary>The reason as people read it: "appointment booked".</summary>
    public static string Words(this AcknowledgementReason reason) => reason switch
    {
        AcknowledgementReason.AppointmentBooked => "appointment booked",
        AcknowledgementReason.ConsentAwaited => "consent awaited",
        AcknowledgementReason.ChildDeclined => "child declined",
        AcknowledgementReason.PlacementMove => "placement move",
        AcknowledgementReason.ReviewBooked => "review booked",
        AcknowledgementReason.CourtProceedings => "court proceedings under way",
        AcknowledgementReason.MissingAgain => "child missing again",
        AcknowledgementReason.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    /// <summary>The reason's value in forms and storage: "appointment-booked".</summary>
    public static string Code(this AcknowledgementReason reason) => reason.Words().Replace(' ', '-');

    /// <summary>Reads a <see cref="Code"/>; false for anything else.</summary>
    public static bool TryParse(string? code, out AcknowledgementReason reason)
    {
        foreach (var candidate in Enum.GetValues<AcknowledgementReason>())
        {
            if (string.Equals(candidate.Code(), code, StringComparison.Ordinal))
            {
                reason = candidate;
                return true;
            }
        }

        reason = default;
        return false;
    }
}
