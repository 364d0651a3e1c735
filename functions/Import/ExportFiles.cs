namespace CpAlerts.Functions.Import;

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
}
