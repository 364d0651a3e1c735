using NodaTime;

namespace CpAlerts.Domain.Records;

/// <summary>A health assessment for a child: an initial one (IHA) or a review one (RHA).</summary>
/// <param name="ChildId">The child's case reference.</param>
/// <param name="Type">Initial (IHA) or review (RHA) health assessment.</param>
/// <param name="RequestedOn">The date the assessment was requested, if it has been.</param>
/// <param name="CompletedOn">The date the assessment was done, if it has been.</param>
public sealed record HealthAssessment(string ChildId, AssessmentType Type, LocalDate? RequestedOn, LocalDate? CompletedOn);
