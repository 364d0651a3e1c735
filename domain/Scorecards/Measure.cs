using System.Collections.Immutable;
using CpAlerts.Domain.Acknowledgements;

namespace CpAlerts.Domain.Scorecards;

/// <summary>One scorecard figure: how many of how many, as a percentage, with what it means.</summary>
/// <param name="Id">The measure's id, one of <see cref="MeasureIds"/>.</param>
/// <param name="Title">Its name as the board reads it, e.g. "IHAs within 20 working days".</param>
/// <param name="Definition">Who is counted and what counts as met, in a sentence.</param>
/// <param name="Numerator">How many met it.</param>
/// <param name="Denominator">How many were counted.</param>
public sealed record Measure(string Id, string Title, string Definition, int Numerator, int Denominator)
{
    /// <summary>Null when nobody is in the denominator: "none counted", not 0% or 100%.</summary>
    public double? Percent => Denominator == 0 ? null : Math.Round(100.0 * Numerator / Denominator, 1);

    /// <summary>
    /// Of those who did not meet it, how many had a reason recorded when the item was said to be in hand, by reason
    /// ("late, with a recorded reason": what boards ask when a measure is red). Empty when none was recorded.
    /// </summary>
    public ImmutableDictionary<AcknowledgementReason, int> LateReasons { get; init; } = ImmutableDictionary<AcknowledgementReason, int>.Empty;

    /// <summary>"Late with a recorded reason: appointment booked 2, consent awaited 1", or null when none was recorded.</summary>
    public string? LateReasonsText => LateReasons.IsEmpty ? null
        : "Late, with a recorded reason: " + string.Join(", ", LateReasons.OrderBy(r => r.Key).Select(r => $"{r.Key.Words()} {r.Value}"))
          + $" (of {Denominator - Numerator} late).";

    /// <summary>
    /// The percentage as the page and the email print it: "87.5%", or "none counted" when there was nobody to count
    /// (a month with no IHA deadlines is not missing data, and "no data" read as if it were).
    /// </summary>
    public string PercentText => Percent is { } p ? p.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%" : "none counted";
}
