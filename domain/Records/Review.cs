using NodaTime;

namespace CpAlerts.Domain.Records;

/// <summary>A looked-after child review; the four-month review should record a plan for permanence.</summary>
/// <param name="ChildId">The child's case reference.</param>
/// <param name="HeldOn">The date the review was held.</param>
/// <param name="PermanencePlan">Whether the review recorded a plan for permanence.</param>
public sealed record Review(string ChildId, LocalDate HeldOn, bool PermanencePlan);
