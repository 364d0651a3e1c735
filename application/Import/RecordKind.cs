namespace CpAlerts.Application.Import;

/// <summary>The kinds of stored record, as an import reports what it adds and removes.</summary>
public enum RecordKind
{
    Child,
    HealthAssessment,
    DentalCheck,
    Review,
    MissingEpisode,
    StaffMember,

    /// <summary>A row of a kind this version does not know (written by a newer one).</summary>
    Other,
}
