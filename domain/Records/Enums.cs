namespace CpAlerts.Domain.Records;

/// <summary>The legal basis on which a child is looked after, as legal_status in children.csv.</summary>
public enum LegalStatus
{
    /// <summary>Section 20: accommodated with the parents' consent.</summary>
    S20,

    /// <summary>A full care order.</summary>
    CareOrder,

    /// <summary>An interim care order, while care proceedings continue.</summary>
    InterimCareOrder,

    /// <summary>A placement order: authorised to be placed for adoption.</summary>
    PlacementOrder,

    /// <summary>Remanded by a court to the council's accommodation.</summary>
    Remand,

    /// <summary>Any other legal status.</summary>
    Other,
}

/// <summary>The consent status recorded for a child, as consent_status in children.csv; passed to the health team with the IHA request.</summary>
public enum ConsentStatus
{
    /// <summary>Consent has been given.</summary>
    Given,

    /// <summary>Consent is awaited.</summary>
    Pending,

    /// <summary>Consent has been refused.</summary>
    Refused,
}

/// <summary>The child's sex as the council records it (optional sex in children.csv), for the health team's IHA booking.</summary>
public enum Sex
{
    /// <summary>Female.</summary>
    Female,

    /// <summary>Male.</summary>
    Male,

    /// <summary>Recorded, but neither female nor male.</summary>
    Other,

    /// <summary>Not known or not stated.</summary>
    NotKnown,
}

/// <summary>The kind of health assessment, as type in health_assessments.csv.</summary>
public enum AssessmentType
{
    /// <summary>Initial health assessment, due within 20 working days of entering care.</summary>
    Iha,

    /// <summary>Review health assessment; it does not satisfy the IHA rules.</summary>
    Rha,
}

/// <summary>A member of staff's role, as in staff.csv.</summary>
public enum StaffRole
{
    /// <summary>A social worker, allocated to children.</summary>
    SocialWorker,

    /// <summary>A team manager, who manages social workers.</summary>
    TeamManager,

    /// <summary>A head of service, who manages team managers.</summary>
    HeadOfService,

    /// <summary>A member of the health team, who books health assessments.</summary>
    HealthTeam,

    /// <summary>An independent reviewing officer.</summary>
    Iro,

    /// <summary>A dental adviser.</summary>
    DentalAdviser,
}
