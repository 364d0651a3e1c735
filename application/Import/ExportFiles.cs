namespace CpAlerts.Application.Import;

/// <summary>The files of a case-management export and their required columns (DATA-FORMAT.md).</summary>
public static class ExportFiles
{
    public const string Children = "children.csv";
    public const string Staff = "staff.csv";
    public const string HealthAssessments = "health_assessments.csv";
    public const string DentalChecks = "dental_checks.csv";
    public const string Reviews = "reviews.csv";
    public const string MissingEpisodes = "missing_episodes.csv";

    public static readonly IReadOnlyDictionary<string, string[]> RequiredColumns = new Dictionary<string, string[]>
    {
        [Children] = ["child_id", "date_of_birth", "entered_care"],
        [Staff] = ["staff_id", "name", "role"],
        [HealthAssessments] = ["child_id", "type"],
        [DentalChecks] = ["child_id", "checked_on"],
        [Reviews] = ["child_id", "held_on"],
        [MissingEpisodes] = ["episode_id", "child_id", "went_missing_at"],
    };

    /// <summary>
    /// The optional columns only shown to a reader, for the health team's IHA request (docs/data-format.md, "IHA request
    /// details"): none decides a timescale or who is told. So a file without one is read without it and says so, even
    /// next to an unknown column that looks like it (an export's own ethnicity_code beside our ethnicity): refusing the
    /// file as renamed would stop the whole import over a detail. Not placement_icb: it decides which health team is
    /// told (RecipientRouting.HealthTeamOf), so a column that looks renamed still refuses the file.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> DetailColumns = new Dictionary<string, string[]>
    {
        [Children] =
        [
            "placement_postcode_district", "nhs_number", "sex", "first_language", "interpreter_needed", "carer_name", "carer_phone", "gp_practice", "consent_given_by", "consent_date",
            "placement_address", "placement_start", "parental_responsibility", "parents", "ethnicity", "religion", "gender_identity", "category_of_need",
            "health_needs", "disability", "allergies", "medication", "immunisations", "school",
        ],
        [Staff] = ["phone"],
        [HealthAssessments] = [],
        [DentalChecks] = [],
        [Reviews] = [],
        [MissingEpisodes] = [],
    };

    /// <summary>Every column each file can have (required, optional and details); others are ignored.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> KnownColumns = new Dictionary<string, string[]>
    {
        [Children] =
        [
            "child_id", "first_name", "last_name", "date_of_birth", "legal_status", "uasc", "placement_area", "consent_status", "entered_care", "left_care", "social_worker_id", "iro_id",
            "placement_icb", .. DetailColumns[Children],
        ],
        [Staff] = ["staff_id", "name", "email", "role", "manager_id", "team", .. DetailColumns[Staff]],
        [HealthAssessments] = ["child_id", "type", "requested_on", "completed_on"],
        [DentalChecks] = ["child_id", "checked_on"],
        [Reviews] = ["child_id", "held_on", "permanence_plan"],
        [MissingEpisodes] = ["episode_id", "child_id", "went_missing_at", "returned_at", "rhi_offered_at", "rhi_completed_at", "rhi_declined"],
    };
}
