namespace CpAlerts.Domain.Acknowledgements;

/// <summary>Whether a finding is in hand on a day: not acknowledged, in hand, or in hand until a date that has passed.</summary>
public enum InHandState
{
    /// <summary>Nobody has said it is in hand.</summary>
    None,

    /// <summary>In hand until a date not yet passed: escalation above the acknowledged level is held.</summary>
    InHand,

    /// <summary>The in-hand date has passed and the finding is still open: it escalates as if never held.</summary>
    Lapsed,
}
