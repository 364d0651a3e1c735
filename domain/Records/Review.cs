using NodaTime;

namespace CpAlerts.Domain.Records;

/// <summary>A looked-after child review; the four-month review should record a plan for permanence.</summary>
public sealed record Review(string ChildId, LocalDate HeldOn, bool PermanencePlan);
