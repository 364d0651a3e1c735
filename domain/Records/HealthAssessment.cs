using NodaTime;

namespace CpAlerts.Domain.Records;

public sealed record HealthAssessment(string ChildId, AssessmentType Type, LocalDate? RequestedOn, LocalDate? CompletedOn);
