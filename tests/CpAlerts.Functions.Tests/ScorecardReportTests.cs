using System.Text.Json.Nodes;
using CpAlerts.Adapters.Scorecards;
using CpAlerts.Application.Reporting;
using CpAlerts.Domain.Calendar;
using CpAlerts.Domain.Escalation;
using CpAlerts.Domain.Records;
using CpAlerts.Domain.Rules;
using CpAlerts.Domain.Scorecards;
using CpAlerts.Testing.Synthetic;
using NodaTime;

namespace CpAlerts.Functions.Tests;

public class ScorecardReportTests
{
    private static readonly LocalDate AsOf = new(2026, 11, 23);

    private static readonly Lazy<ScorecardReport> Year = new(() => Report(3000, PeriodKind.Year));

    private static ScorecardReport Report(int children, PeriodKind kind, ScorecardPolicy? policy = null) =>
        ScorecardReport.Build("DEMO", new SyntheticCaseload(children, 7, AsOf).Generate().ToCaseload(), AsOf, kind,
            WorkingCalendar.EnglandAndWales, AlertPolicy.Default, policy ?? ScorecardPolicy.Default);

    [Theory]
    [InlineData(MeasureIds.IhaWithin20Days, SyntheticCaseload.IhaOnTime)]
    [InlineData(MeasureIds.DentalInLast12Months, SyntheticCaseload.DentalInLastYear)]
    [InlineData(MeasureIds.PermanencePlanBy4Months, SyntheticCaseload.PermanencePlanOnTime)]
    [InlineData(MeasureIds.RhiOfferedWithin72Hours, SyntheticCaseload.RhiOfferedOnTime)]
    [InlineData(MeasureIds.RhiCompleted, SyntheticCaseload.RhiCompleted)]
    public void On_the_synthetic_caseload_figures_are_close_to_the_calibration_targets(string measure, double target)
    {
        var percent = Year.Value.Overall[measure].Percent!.Value;
        Assert.InRange(percent, (target * 100) - 6, (target * 100) + 6);
    }

    [Fact]
    public void Team_figures_partition_the_council_figures()
    {
        var report = Year.Value;
        Assert.True(report.Teams.Count > 1);
        foreach (var measure in report.Overall.Measures)
        {
            Assert.Equal(measure.Numerator, report.Teams.Sum(t => t[measure.Id].Numerator));
            Assert.Equal(measure.Denominator, report.Teams.Sum(t => t[measure.Id].Denominator));
        }

        Assert.Equal(report.Overall.OpenFindings.Values.Sum(), report.Teams.Sum(t => t.OpenFindings.Values.Sum()));
    }

    [Fact]
    public void Trend_is_twelve_month_ends_the_last_being_the_month_to_date()
    {
        var trend = Year.Value.Trend;
        Assert.Equal(12, trend.Count);
        Assert.Equal(new LocalDate(2025, 12, 31), trend[0].Period.End);
        Assert.Equal(AsOf, trend[^1].Period.End);
    }

    [Fact]
    public void Page_is_self_contained_with_figures_rag_words_and_charts()
    {
        var report = Report(400, PeriodKind.Quarter, new ScorecardPolicy(Target: 90, GoodFrom: 60, OutstandingFrom: 85));
        var html = ScorecardPage.Render(report);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=\"http", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(7, html.Split("<svg").Length - 1);
        Assert.Contains("Target 90%", html, StringComparison.Ordinal);
        foreach (var measure in report.Overall.Measures)
        {
            Assert.Contains($"data-measure=\"{measure.Id}\">{report.Policy.FigureText(measure)}<", html, StringComparison.Ordinal);
            Assert.Contains($">{ScorecardPolicy.Words(report.Policy.StatusOf(measure))}</span>", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Csv_and_json_carry_every_group_and_measure()
    {
        var report = Report(400, PeriodKind.Month);
        var csv = ScorecardExports.Csv(report).TrimEnd().Split('\n');
        // The documented shape (docs/scorecard-export.md), pinned: a council's Power BI reads it unchanged between versions.
        Assert.Equal("schema_version,council,group,period_label,period_start,period_end,measure,numerator,denominator,percent,status,suppressed,definition,status_text", csv[0].TrimEnd('\r'));
        Assert.StartsWith("2,DEMO,Council,Nov 2026", csv[1], StringComparison.Ordinal);
        Assert.Equal((report.Teams.Count + 1) * 7, csv.Length - 1);
        var json = JsonNode.Parse(ScorecardExports.Json(report))!;
        Assert.Equal(["schemaVersion", "council", "target", "overall", "previous", "teams", "trend"], json.AsObject().Select(p => p.Key));
        Assert.Equal(["group", "periodLabel", "periodStart", "periodEnd", "measures", "openFindings"], json["overall"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["id", "title", "numerator", "denominator", "percent", "status", "suppressed", "definition", "comparator", "statusText"], json["overall"]!["measures"]![0]!.AsObject().Select(p => p.Key));
        Assert.Equal("Oct 2026", (string?)json["previous"]!["periodLabel"]);
        Assert.Equal(7, json["overall"]!["measures"]!.AsArray().Count);
        Assert.Equal(12, json["trend"]!.AsArray().Count);
        Assert.Equal(report.Teams.Count, json["teams"]!.AsArray().Count);
    }

    [Fact]
    public void A_team_name_that_is_a_spreadsheet_formula_is_written_as_text()
    {
        var caseload = new SyntheticCaseload(60, 7, AsOf).Generate();
        var hostile = caseload with { Staff = [.. caseload.Staff.Select(s => s with { Team = "=HYPERLINK(\"https://evil.example\",\"Click\")" })] };
        var report = ScorecardReport.Build("DEMO", hostile.ToCaseload(), AsOf, PeriodKind.Month, WorkingCalendar.EnglandAndWales, AlertPolicy.Default, ScorecardPolicy.Default);

        var csv = ScorecardExports.Csv(report);

        Assert.DoesNotContain(",\"=HYPERLINK", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",=HYPERLINK", csv, StringComparison.Ordinal);
        Assert.Contains("'=HYPERLINK", csv, StringComparison.Ordinal); // an apostrophe makes a spreadsheet show it as text
    }

    [Fact]
    public void Scorecard_verb_writes_each_format_and_takes_rag_settings_from_configuration()
    {
        var folder = Path.Combine(Path.GetTempPath(), "cpalerts-scorecard-" + Guid.NewGuid().ToString("N")[..8]);
        ExportWriter.Write(new SyntheticCaseload(200, 3, AsOf).Generate(), folder);
        var env = new Dictionary<string, string> { ["CpAlerts__Scorecard__Target"] = "95" };
        var (exit, html, _) = CpAlertsProcess.Run(env, "scorecard", "--data", folder, "--as-of", "2026-11-24", "--period", "quarter");
        Assert.Equal(0, exit);
        Assert.Contains("Target 95%", html, StringComparison.Ordinal);
        Assert.Contains("Q3 2026/27 to date", html, StringComparison.Ordinal); // the financial year, as board papers say it
        Assert.Contains("Period 1 Oct 2026 to 24 Nov 2026", html, StringComparison.Ordinal);
        var (_, yearPage, _) = CpAlertsProcess.Run("scorecard", "--data", folder, "--as-of", "2027-02-10", "--period", "year");
        Assert.Contains("Period 1 Apr 2026 to 10 Feb 2027", yearPage, StringComparison.Ordinal);
        var (_, calendar, _) = CpAlertsProcess.Run(new Dictionary<string, string> { ["CpAlerts__Scorecard__YearStartMonth"] = "1" }, "scorecard", "--data", folder, "--as-of", "2026-11-24", "--period", "quarter");
        Assert.Contains("Q4 2026 to date", calendar, StringComparison.Ordinal); // calendar periods remain a setting
        var (_, json, _) = CpAlertsProcess.Run("scorecard", "--data", folder, "--as-of", "2026-11-23", "--format", "json");
        Assert.Equal("2026-10-01", (string?)JsonNode.Parse(json)!["overall"]!["periodStart"]);
        var (bad, _, error) = CpAlertsProcess.Run(new Dictionary<string, string> { ["CpAlerts__Scorecard__GoodFrom"] = "120" }, "scorecard", "--data", folder);
        Assert.Equal(2, bad);
        Assert.Contains("CpAlerts__Scorecard__GoodFrom", error, StringComparison.Ordinal);
        var notes = Path.Combine(folder, "commentary.md");
        File.WriteAllText(notes, "**Dental checks** are below target because two practices closed.\n\n<script>alert(1)</script>\n\n" +
            "[the plan](https://council.example/plan) and [click me](javascript:alert(2)) ![chart](https://tracker.example/p.png)\n");
        var comparators = new Dictionary<string, string>
        {
            ["CpAlerts__Scorecard__Comparators__DENTAL_CHECK_IN_LAST_12_MONTHS__Percent"] = "79",
            ["CpAlerts__Scorecard__Comparators__DENTAL_CHECK_IN_LAST_12_MONTHS__Source"] = "DfE, Children looked after in England, year ending 31 March 2025",
        };
        var (_, compared, _) = CpAlertsProcess.Run(comparators, "scorecard", "--data", folder, "--as-of", "2026-11-24", "--commentary", notes);
        Assert.Contains("Compare: England 79% (DfE, Children looked after in England, year ending 31 March 2025).", compared, StringComparison.Ordinal);
        Assert.Contains("<strong>Dental checks</strong> are below target", compared, StringComparison.Ordinal); // the council's words, as Markdown
        Assert.DoesNotContain("<script>alert", compared, StringComparison.Ordinal); // pasted HTML is shown as text, never run
        Assert.Contains("&lt;script&gt;", compared, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://council.example/plan\">the plan</a>", compared, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", compared, StringComparison.Ordinal); // kept as words, not a link
        Assert.Contains("click me", compared, StringComparison.Ordinal);
        Assert.DoesNotContain("tracker.example", compared, StringComparison.Ordinal); // no image: the page loads nothing
        Assert.Contains("<th scope=\"col\">Change</th>", compared, StringComparison.Ordinal);
        var (untraced, _, noSource) = CpAlertsProcess.Run(new Dictionary<string, string> { ["CpAlerts__Scorecard__Comparators__DENTAL_CHECK_IN_LAST_12_MONTHS__Percent"] = "79" }, "scorecard", "--data", folder);
        Assert.Equal(2, untraced);
        Assert.Contains("Source: missing: say where the figure comes from", noSource, StringComparison.Ordinal);
        var (disordered, _, why) = CpAlertsProcess.Run(new Dictionary<string, string> { ["CpAlerts__Scorecard__RequiresImprovementFrom"] = "75" }, "scorecard", "--data", folder);
        Assert.Equal(2, disordered);
        Assert.Contains("CpAlerts__Scorecard__RequiresImprovementFrom: must not be above GoodFrom", why, StringComparison.Ordinal);
        // OutstandingFrom sets no band any more: raising the close-to-target edge past it is a council's choice, not an error.
        var (raised, _, _) = CpAlertsProcess.Run(new Dictionary<string, string> { ["CpAlerts__Scorecard__GoodFrom"] = "85", ["CpAlerts__Scorecard__Target"] = "90" }, "scorecard", "--data", folder);
        Assert.Equal(0, raised);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void A_team_of_one_child_shows_fewer_than_five_not_a_percentage()
    {
        var asOf = new NodaTime.LocalDate(2026, 11, 30);
        var export = new SyntheticCaseload(200, 3, asOf).Generate();
        var loner = new StaffMember("SWX", "Worker Solo", "solo@council.example", StaffRole.SocialWorker, "TM01", "Team Of One");
        var child = export.Children.First(c => c.LeftCare is null && c.EnteredCare < asOf.PlusYears(-2)) with { SocialWorkerId = "SWX" };
        var caseload = (export with { Staff = export.Staff.Add(loner), Children = export.Children.Replace(export.Children.First(c => c.ChildId == child.ChildId), child) }).ToCaseload();

        var report = ScorecardReport.Build("DEMO", caseload, asOf, PeriodKind.Month, WorkingCalendar.EnglandAndWales, AlertPolicy.Default, ScorecardPolicy.Default);
        var html = CpAlerts.Adapters.Scorecards.ScorecardPage.Render(report);

        var team = report.Teams.Single(t => t.Group == "Team Of One");
        Assert.Contains(team.Measures, m => m.Denominator is > 0 and < 5);
        var rows = System.Text.RegularExpressions.Regex.Matches(html, "<tr><th scope=\"row\">Team Of One</th>.*?</tr>").Select(m => m.Value).ToList();
        Assert.Equal(team.Measures.Count(m => m.Denominator > 0), rows.Count); // a measure that counted nobody in the team has no row
        Assert.All(rows, row =>
        {
            Assert.Contains("fewer than 5 children", row, StringComparison.Ordinal);
            Assert.Contains(">Too few to show</span>", row, StringComparison.Ordinal); // withheld, not missing
            Assert.DoesNotContain("%", row, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void The_board_reads_why_items_were_late_in_the_email_and_on_the_page_but_not_for_too_few_children()
    {
        var caseload = new SyntheticCaseload(400, 7, AsOf).Generate().ToCaseload();
        var plain = ScorecardReport.Build("DEMO", caseload, AsOf, PeriodKind.Year, WorkingCalendar.EnglandAndWales, AlertPolicy.Default, ScorecardPolicy.Default);
        // Every child late on the dental measure had "consent awaited" recorded on their dental check in the period.
        var dentalLate = caseload.Children.Where(c => c.Child.IsInCareOn(AsOf) && c.Child.EnteredCare <= AsOf.PlusYears(-1)
            && !c.DentalChecks.Any(d => d.CheckedOn > AsOf.PlusYears(-1) && d.CheckedOn <= AsOf)).Select(c => c.Child.ChildId).ToList();
        Assert.True(dentalLate.Count >= 5, "the synthetic caseload has late dental checks");
        var reasons = dentalLate.Select(id => new Domain.Acknowledgements.Acknowledgement($"DENTAL_CHECK|{id}|2026-10-01", Domain.Rules.RuleId.DentalCheck, id, id,
            EscalationLevel.Overdue, Domain.Acknowledgements.AcknowledgementReason.ConsentAwaited, null, AsOf, "SW1", Instant.FromUtc(2026, 10, 1, 9, 0))).ToList();
        var report = ScorecardReport.Build("DEMO", caseload, AsOf, PeriodKind.Year, WorkingCalendar.EnglandAndWales, AlertPolicy.Default, ScorecardPolicy.Default, reasons);

        var expected = $"Late, with a recorded reason: consent awaited {dentalLate.Count} (of {dentalLate.Count} late).";
        Assert.Equal(expected, report.Overall[MeasureIds.DentalInLast12Months].LateReasonsText);
        var (_, text, html) = new CpAlerts.Adapters.Email.EmailTemplates(CpAlerts.Application.Configuration.DeliverySettings.DefaultTemplatesFolder).Render("scorecard", CpAlerts.Application.Delivery.EmailContent.Scorecard(report, "Board"));
        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.Contains(expected, html, StringComparison.Ordinal);
        Assert.Contains(expected, ScorecardPage.Render(report), StringComparison.Ordinal);
        Assert.DoesNotContain("recorded reason", new CpAlerts.Adapters.Email.EmailTemplates(CpAlerts.Application.Configuration.DeliverySettings.DefaultTemplatesFolder).Render("scorecard", CpAlerts.Application.Delivery.EmailContent.Scorecard(plain, "Board")).Text, StringComparison.Ordinal);
        Assert.DoesNotContain("recorded reason", ScorecardPage.Render(plain), StringComparison.Ordinal);

        // A measure of fewer than 5 children shows no breakdown: it could identify a child.
        var strict = ScorecardPolicy.Default with { MinimumCohort = dentalLate.Count + 1000 };
        var small = ScorecardReport.Build("DEMO", caseload, AsOf, PeriodKind.Year, WorkingCalendar.EnglandAndWales, AlertPolicy.Default, strict, reasons);
        Assert.DoesNotContain("recorded reason", ScorecardPage.Render(small), StringComparison.Ordinal);
        Assert.DoesNotContain("recorded reason", new CpAlerts.Adapters.Email.EmailTemplates(CpAlerts.Application.Configuration.DeliverySettings.DefaultTemplatesFolder).Render("scorecard", CpAlerts.Application.Delivery.EmailContent.Scorecard(small, "Board")).Text, StringComparison.Ordinal);
    }

    /// <summary>The default demo council (480 synthetic children, seed 1) as of a day part-way through November.</summary>
    private static ScorecardReport Demo(LocalDate asOf, PeriodKind kind = PeriodKind.Quarter, ScorecardPolicy? policy = null) =>
        ScorecardReport.Build("DEMO", new SyntheticCaseload(480, 1, asOf).Generate().ToCaseload(), asOf, kind,
            WorkingCalendar.EnglandAndWales, AlertPolicy.Default, policy ?? ScorecardPolicy.Default);

    [Fact]
    public void The_page_and_the_email_name_the_bands_for_the_target_not_like_ofsted_grades()
    {
        var report = Demo(new LocalDate(2026, 11, 24));
        var html = ScorecardPage.Render(report);
        var (_, text, email) = new CpAlerts.Adapters.Email.EmailTemplates(CpAlerts.Application.Configuration.DeliverySettings.DefaultTemplatesFolder).Render("scorecard", CpAlerts.Application.Delivery.EmailContent.Scorecard(report, "Board"));

        foreach (var page in new[] { html, text, email })
        {
            foreach (var grade in new[] { "Outstanding", ">Good<", "Requires improvement", "Inadequate", "No data", "no data" })
            {
                Assert.DoesNotContain(grade, page, StringComparison.Ordinal);
            }
        }

        Assert.Contains("Bands: On target: 80% (the target) and above; close to target: 70% to below 80%; below target: 60% to below 70%; well below target: below 60%.", html, StringComparison.Ordinal);
        // Every band the demo reaches is on the page in words.
        Assert.All(report.Overall.Measures.Select(report.Policy.StatusOf).Distinct(), band => Assert.Contains($">{ScorecardPolicy.Words(band)}</span>", html, StringComparison.Ordinal));
    }

    [Fact]
    public void Too_few_children_read_too_few_to_show_never_no_data()
    {
        var report = Demo(new LocalDate(2026, 11, 24));
        var html = ScorecardPage.Render(report);

        Assert.Contains(report.Teams, t => t.Measures.Any(report.Policy.IsTooSmall)); // the demo has small teams
        Assert.Contains(">Too few to show</span>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("No data", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("class=\"rag rag-NoneCounted\"", html, StringComparison.Ordinal); // nobody counted is never a team row, nor a headline here
    }

    [Fact]
    public void Team_tables_have_no_row_for_a_team_that_counted_nobody()
    {
        var report = Demo(new LocalDate(2026, 11, 24));
        var html = ScorecardPage.Render(report);

        // The demo has a group with nobody counted on some measure (e.g. no team recorded, 0 of 0 IHAs): once a row, now none.
        Assert.Contains(report.Teams, t => t.Measures.Any(m => m.Denominator == 0));
        Assert.DoesNotContain("0 of 0", html, StringComparison.Ordinal);
        foreach (var m in report.Overall.Measures)
        {
            var section = html[html.IndexOf($"<h2 id=\"{m.Id}\">", StringComparison.Ordinal)..];
            var teams = section[section.IndexOf("<caption>By team</caption>", StringComparison.Ordinal)..section.IndexOf("</table>", section.IndexOf("<caption>By team</caption>", StringComparison.Ordinal), StringComparison.Ordinal)];
            var shown = System.Text.RegularExpressions.Regex.Matches(teams, "<tr><th scope=\"row\">([^<]*)</th>").Select(r => System.Net.WebUtility.HtmlDecode(r.Groups[1].Value));
            Assert.Equal(report.Teams.Where(t => t[m.Id].Denominator > 0).Select(t => t.Group), shown);
        }

        // A measure no team counted anyone for says so in a sentence, not an empty table.
        var caseload = new SyntheticCaseload(120, 1, new LocalDate(2026, 11, 24)).Generate();
        var noEpisodes = ScorecardReport.Build("DEMO", (caseload with { MissingEpisodes = [] }).ToCaseload(), new LocalDate(2026, 11, 24), PeriodKind.Quarter,
            WorkingCalendar.EnglandAndWales, AlertPolicy.Default, ScorecardPolicy.Default);
        var page = ScorecardPage.Render(noEpisodes);
        var rhi = page[page.IndexOf($"<h2 id=\"{MeasureIds.RhiCompleted}\">", StringComparison.Ordinal)..page.IndexOf("<h2 id=\"open-findings\">", StringComparison.Ordinal)];
        Assert.Contains("No team had anyone counted for this measure in the period.", rhi, StringComparison.Ordinal);
        Assert.DoesNotContain("By team", rhi, StringComparison.Ordinal);
    }

    [Fact]
    public void The_trend_axis_says_the_years_and_marks_the_month_still_running()
    {
        var page = ScorecardPage.Render(Demo(new LocalDate(2026, 11, 24)));
        var chart = System.Text.RegularExpressions.Regex.Match(page, "<svg.*?</svg>").Value;

        // Dec 2025 to Nov 2026: each year under its first month on the axis, once.
        Assert.Equal(["2025", "2026"], System.Text.RegularExpressions.Regex.Matches(chart, "<text class=\"year\"[^>]*>(\\d{4})</text>").Select(m => m.Groups[1].Value));
        Assert.Contains(">Nov*</text>", chart, StringComparison.Ordinal);
        Assert.Contains(">Nov* to 24 Nov: month not over</text>", chart, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">Nov 2026, to 24 Nov</th>", page, StringComparison.Ordinal); // and in the month-by-month table

        // A month that has ended is not marked.
        var complete = System.Text.RegularExpressions.Regex.Match(ScorecardPage.Render(Demo(new LocalDate(2026, 11, 30))), "<svg.*?</svg>").Value;
        Assert.DoesNotContain("*", complete, StringComparison.Ordinal);
        Assert.DoesNotContain("month not over", complete, StringComparison.Ordinal);
    }

    [Theory]
    // first month, months: the years the axis shows, in order
    [InlineData("2026-01-01", 12, new[] { "2026" })]
    [InlineData("2025-12-01", 12, new[] { "2025", "2026" })]
    [InlineData("2025-04-01", 12, new[] { "2025", "2026" })]
    [InlineData("2026-02-01", 12, new[] { "2026", "2027" })]
    public void A_chart_marks_each_year_under_its_first_month(string first, int months, string[] years)
    {
        var start = NodaTime.Text.LocalDatePattern.Iso.Parse(first).Value;
        var chart = SvgTrendChart.Render("t", [.. Enumerable.Range(0, months).Select(i => new SvgTrendChart.Point(start.PlusMonths(i), 50, "x"))], 80);
        Assert.Equal(years, System.Text.RegularExpressions.Regex.Matches(chart, "<text class=\"year\"[^>]*>(\\d{4})</text>").Select(m => m.Groups[1].Value));
    }

    [Fact]
    public void The_exports_keep_their_status_codes_and_add_the_words_people_read()
    {
        var report = Demo(new LocalDate(2026, 11, 24), PeriodKind.Quarter, new ScorecardPolicy(Target: 90, GoodFrom: 60, OutstandingFrom: 85));
        using var reader = new StringReader(ScorecardExports.Csv(report));
        using var csv = new CsvHelper.CsvReader(reader, System.Globalization.CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var rows = new List<(string Status, string Text, string Suppressed, string Percent)>();
        while (csv.Read())
        {
            rows.Add((csv.GetField("status")!, csv.GetField("status_text")!, csv.GetField("suppressed")!, csv.GetField("percent")!));
        }

        // The version-1 codes, which councils' tools match on, each for one band in the page's words.
        var codes = new Dictionary<string, string[]>
        {
            ["Outstanding"] = ["On target"], ["Good"] = ["Close to target"], ["Requires improvement"] = ["Below target"], ["Inadequate"] = ["Well below target"],
            ["No data"] = ["Too few to show", "None counted"],
        };
        Assert.All(rows, r => Assert.Contains(r.Text, codes[r.Status]));
        Assert.All(rows.Where(r => r.Suppressed == "yes"), r => Assert.Equal(("No data", "Too few to show"), (r.Status, r.Text)));
        // On target means at the target (90%), whatever OutstandingFrom (85%) says.
        Assert.All(rows.Where(r => r.Percent.Length > 0 && r.Suppressed == "no"), r =>
            Assert.Equal(double.Parse(r.Percent, System.Globalization.CultureInfo.InvariantCulture) >= 90, r.Text == "On target"));
        Assert.Contains(rows, r => r.Text == "Too few to show");

        var json = JsonNode.Parse(ScorecardExports.Json(report))!;
        Assert.Equal(2, (int)json["schemaVersion"]!);
        Assert.All(json["teams"]!.AsArray().SelectMany(t => t!["measures"]!.AsArray()), m => Assert.Contains((string)m!["statusText"]!, codes[(string)m["status"]!]));
    }
}
