using NodaTime;

namespace CpAlerts.Domain.Records;

public sealed record DentalCheck(string ChildId, LocalDate CheckedOn);
