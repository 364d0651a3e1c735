using CpAlerts.Adapters.Csv;
using CpAlerts.Application.Import;
using CpAlerts.Domain.Records;

namespace CpAlerts.Functions.Tests;

public class CsvExportTests
{
    private const string ChildrenHeader = "child_id,first_name,last_name,date_of_birth,legal_status,uasc,placement_area,consent_status,entered_care,left_care,social_worker_id";

    private static RecordExport Read(params (string File, string Text)[] files) =>
        RecordExportReader.Read(name => files.Where(f => f.File == name).Select(f => (TextReader)new StringReader(f.Text)).FirstOrDefault());

    private static string Rejections(RecordExport export) =>
        string.Join("\n", export.Rejected.Select(r => $"{r.File}:{r.Line}:{r.Column}:{r.Reason}"));

    [Theory]
    [InlineData("C1,A,B,2015-01-01,CARE_ORDER,no,N,GIVEN,2026-01-01,,S1", null)]
    [InlineData(",A,B,2015-01-01,CARE_ORDER,no,N,GIVEN,2026-01-01,,S1", "child_id:missing required value")]
    [InlineData("C1,A,B,,CARE_ORDER,no,N,GIVEN,2026-01-01,,S1", "date_of_birth:missing required value")]
    [InlineData("C1,A,B,2015-02-30,CARE_ORDER,no,N,GIVEN,2026-01-01,,S1", "date_of_birth:unparseable date (value not shown) (expected YYYY-MM-DD)")]
    [InlineData("C1,A,B,01/02/2015,CARE_ORDER,no,N,GIVEN,2026-01-01,,S1", "date_of_birth:unparseable date (value not shown) (expected YYYY-MM-DD)")]
    [InlineData("C1,A,B,2015-01-01,CARE,no,N,GIVEN,2026-01-01,,S1", "legal_status:not one of the column's codes (expected one of S20, CARE_ORDER, INTERIM_CARE_ORDER, PLACEMENT_ORDER, REMAND, OTHER); is the column named right?")]
    [InlineData("C1,A,B,2015-01-01,CARE_ORDER,maybe,N,GIVEN,2026-01-01,,S1", "uasc:unparseable boolean 'maybe' (expected true/false/yes/no/1/0)")]
    [InlineData("C1,A,B,2015-01-01,CARE_ORDER,no,N,SOON,2026-01-01,,S1", "consent_status:not one of the column's codes (expected one of GIVEN, PENDING, REFUSED); is the column named right?")]
    [InlineData("C1,A,B,2026-02-01,CARE_ORDER,no,N,GIVEN,2026-01-01,,S1", "date_of_birth:date of birth is after entering care")]
    [InlineData("C1,A,B,2015-01-01,CARE_ORDER,no,N,GIVEN,2026-01-01,2025-12-31,S1", "left_care:left care before entering care")]
    public void Children_rows(string row, string? problem)
    {
        var export = Read(("children.csv", $"{ChildrenHeader}\n{row}\n"));
        if (problem is null)
        {
            Assert.Single(export.Children);
            Assert.Empty(export.Rejected);
            return;
        }

        Assert.Empty(export.Children);
        Assert.Equal($"children.csv:2:{problem}", Rejections(export));
    }

    [Fact]
    public void Columns_in_any_order_any_case_unknown_ones_ignored_and_a_bom()
    {
        var export = Read(("children.csv", "\uFEFFSocial_Worker_ID,ENTERED_CARE,Favourite_Colour,Date_Of_Birth,Child_Id\nS1,2026-01-01,blue,2015-01-01,C1\n"));
        var child = Assert.Single(export.Children);
        Assert.Equal(("C1", "S1"), (child.ChildId, child.SocialWorkerId));
        Assert.Empty(export.Rejected);
    }

    [Fact]
    public void A_missing_required_column_rejects_the_file_at_the_header()
    {
        var export = Read(("children.csv", "child_id,date_of_birth\nC1,2015-01-01\n"));
        Assert.Empty(export.Children);
        Assert.Equal("children.csv:1:entered_care:required column missing from the header row; no rows of this file were used", Rejections(export));
    }

    [Fact]
    public void Duplicate_ids_keep_the_first_row_and_reject_the_rest()
    {
        var export = Read(
            ("children.csv", $"{ChildrenHeader}\nC1,A,B,2015-01-01,,,,,2026-01-01,,S1\nC1,X,Y,2015-01-01,,,,,2026-02-01,,S1\n"),
            ("staff.csv", "staff_id,name,role\nS1,W,SocialWorker\nS1,W2,TeamManager\n"),
            ("missing_episodes.csv", "episode_id,child_id,went_missing_at\nE1,C1,2026-03-01T10:00:00Z\nE1,C1,2026-03-02T10:00:00Z\n"));
        Assert.Equal("A", Assert.Single(export.Children).FirstName);
        Assert.Single(export.Staff);
        Assert.Single(export.MissingEpisodes);
        Assert.Equal(
            "children.csv:3:child_id:duplicate child_id (first seen on line 2); this row was not used\n" +
            "staff.csv:3:staff_id:duplicate staff_id (first seen on line 2); this row was not used\n" +
            "missing_episodes.csv:3:episode_id:duplicate episode_id (first seen on line 2); this row was not used",
            Rejections(export));
    }

    [Fact]
    public void Rows_about_unknown_or_rejected_children_are_rejected()
    {
        var export = Read(
            ("children.csv", $"{ChildrenHeader}\nC1,A,B,2015-01-01,,,,,2026-01-01,,S1\nC2,A,B,bad,,,,,2026-01-01,,S1\n"),
            ("dental_checks.csv", "child_id,checked_on\nC1,2026-02-01\nC2,2026-02-01\nC3,2026-02-01\n"));
        Assert.Single(export.DentalChecks);
        Assert.Equal(
            "children.csv:3:date_of_birth:unparseable date (value not shown) (expected YYYY-MM-DD)\n" +
            "dental_checks.csv:3:child_id:unknown child 'C2' (not in children.csv, or its row there was rejected)\n" +
            "dental_checks.csv:4:child_id:unknown child 'C3' (not in children.csv, or its row there was rejected)",
            Rejections(export));
    }

    [Theory]
    [InlineData("E1,C1,2026-03-01T10:00:00Z,2026-03-01T09:00:00Z,,,", "returned_at:returned before going missing")]
    [InlineData("E1,C1,yesterday,,,,", "went_missing_at:unparseable date-time 'yesterday' (expected ISO 8601, e.g. 2026-11-20T18:30:00+00:00)")]
    [InlineData("E1,C1,2026-03-01T10:00:00Z,,,,perhaps", "rhi_declined:unparseable boolean 'perhaps' (expected true/false/yes/no/1/0)")]
    [InlineData(",C1,2026-03-01T10:00:00Z,,,,", "episode_id:missing required value")]
    public void Missing_episode_rows(string row, string problem)
    {
        var export = Read(
            ("children.csv", $"{ChildrenHeader}\nC1,A,B,2015-01-01,,,,,2026-01-01,,S1\n"),
            ("missing_episodes.csv", $"episode_id,child_id,went_missing_at,returned_at,rhi_offered_at,rhi_completed_at,rhi_declined\n{row}\n"));
        Assert.Empty(export.MissingEpisodes);
        Assert.Equal($"missing_episodes.csv:2:{problem}", Rejections(export));
    }

    [Theory]
    [InlineData("S1,Name,,Manager,,", "role:not one of the column's codes (expected one of SocialWorker, TeamManager, HeadOfService, HealthTeam, Iro, DentalAdviser); is the column named right?")]
    [InlineData("S1,,a@b.example,SocialWorker,,", "name:missing required value")]
    [InlineData("S1,Name,not-an-address,SocialWorker,,", "email:not a valid email address")]
    public void Staff_rows(string row, string problem)
    {
        var export = Read(("children.csv", ChildrenHeader + "\n"), ("staff.csv", $"staff_id,name,email,role,manager_id,team\n{row}\n"));
        Assert.Empty(export.Staff);
        Assert.Equal($"staff.csv:2:{problem}", Rejections(export));
    }

    [Fact]
    public void A_row_reports_every_problem_and_is_not_half_applied()
    {
        var export = Read(
            ("children.csv", $"{ChildrenHeader}\nC1,A,B,2015-01-01,,,,,2026-01-01,,S1\n"),
            ("health_assessments.csv", "child_id,type,requested_on,completed_on\nC1,XYZ,2026-13-01,2026-02-01\n"));
        Assert.Empty(export.HealthAssessments);
        Assert.Equal(2, export.Rejected.Length);
        Assert.All(export.Rejected, r => Assert.Equal(2, r.Line));
    }

    [Fact]
    public void Line_numbers_count_embedded_newlines_and_blank_lines()
    {
        var text = $"{ChildrenHeader}\n\"C1\",\"Multi\nLine\",B,2015-01-01,,,,,2026-01-01,,S1\n\nC2,A,B,bad,,,,,2026-01-01,,S1\n";
        var export = Read(("children.csv", text));
        Assert.Empty(export.Children); // C1's name holds a line break, which no text column may (it would forge an email line)
        Assert.Equal([(2, "first_name"), (5, "date_of_birth")], export.Rejected.Select(r => (r.Line, r.Column)));
    }

    [Fact]
    public void Optional_files_may_be_absent_and_booleans_accept_every_spelling()
    {
        var export = Read(
            ("children.csv", $"{ChildrenHeader}\nC1,A,B,2015-01-01,,,,,2026-01-01,,S1\n"),
            ("reviews.csv", "child_id,held_on,permanence_plan\nC1,2026-02-01,TRUE\nC1,2026-02-02,yes\nC1,2026-02-03,1\nC1,2026-02-04,\nC1,2026-02-05,No\nC1,2026-02-06,0\n"));
        Assert.Equal([true, true, true, false, false, false], export.Reviews.Select(r => r.PermanencePlan));
        Assert.Empty(export.Rejected);
        Assert.Empty(export.Staff);
        Assert.Equal(6, export.ToCaseload().Children.Single().Reviews.Length); // every review attached to its child
    }

    [Fact]
    public void Child_fields_are_mapped()
    {
        var export = Read(("children.csv", $"{ChildrenHeader}\nC1,Ann,Bee,2015-01-01,interim_care_order,Yes,North,pending,2026-01-01,2026-06-01,S1\n"));
        var c = Assert.Single(export.Children);
        Assert.Equal((LegalStatus.InterimCareOrder, true, ConsentStatus.Pending, "A. B."), (c.LegalStatus, c.Uasc, c.ConsentStatus, c.Initials));
        Assert.Equal(new NodaTime.LocalDate(2026, 6, 1), c.LeftCare);
    }
}
