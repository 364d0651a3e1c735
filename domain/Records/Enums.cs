namespace CpAlerts.Domain.Records;

public enum LegalStatus
{
    S20,
    CareOrder,
    InterimCareOrder,
    PlacementOrder,
    Remand,
    Other,
}

public enum ConsentStatus
{
    Given,
    Pending,
    Refused,
}

public enum AssessmentType
{
    Iha,
    Rha,
}

/// <summary>A member of staff's role, as in staff.csv.</summary>
public enum StaffRole
{
    SocialWorker,
    TeamManager,
    HeadOfService,
    HealthTeam,
    Iro,
    DentalAdviser,
}
