using CpAlerts.Adapters.Csv;
using CpAlerts.Adapters.Email;
using CpAlerts.Application.Configuration;
using CpAlerts.Application.Delivery;
using CpAlerts.Application.Messages;
using CpAlerts.Application.Wording;
using CpAlerts.Domain.Calendar;
using CpAlerts.Domain.Escalation;
using CpAlerts.Domain.Recipients;
using CpAlerts.Domain.Records;
using CpAlerts.Domain.Reports;
using CpAlerts.Domain.Rules;
using NodaTime;

namespace CpAlerts.Functions.Tests;

/// <summary>The weekly IHA request report's email and spreadsheet, read as a team manager would.</summary>
public class IhaReportEmailTests
{
    private static readonly DeliverySettings Settings = new("cpalerts@council.example", "CpAlerts", "", [], "fallback@council.example", DeliverySettings.DefaultTemplatesFolder);

    private static ChildRecords Child(string id, LegalStatus legal, ConsentStatus? consent, bool uasc, string? requested) =>
        new(new Child(id, "Hotel", "Madeup", new LocalDate(2012, 1, 1), legal, uasc, "North", consent, new LocalDate(2026, 11, 16), null, "S1"),
            requested is null ? [] : [new HealthAssessment(id, AssessmentType.Iha, LocalDateParse(requested), null)], [], [], []);

    private static LocalDate LocalDateParse(string iso) => NodaTime.Text.LocalDatePattern.Iso.Parse(iso).Value;

    private static (IhaReportMessage Message, EmailContent.IhaReportData Data) Report()
    {
        ChildRecords[] children =
        [
            Child("C1", LegalStatus.CareOrder, ConsentStatus.Given, false, "2026-11-18"),
            Child("C2", LegalStatus.S20, ConsentStatus.Pending, false, null),
            Child("C3", LegalStatus.CareOrder, ConsentStatus.Given, true, "2026-11-26"),
        ];
        var asOf = new LocalDate(2026, 11, 30);
        var report = new IhaRequestReport(AlertPolicy.Default, WorkingCalendar.EnglandAndWales);
        var staff = new StaffDirectory([new StaffMember("S1", "Sam Worker", "sam@council.example", StaffRole.SocialWorker, "TM1", "A")]);
        var data = new EmailContent.IhaReportData(report.Rows(children, asOf), report.Trend(children, asOf), children.ToDictionary(c => c.Child.ChildId, c => c.Child), staff, NamesShown: false);
        return (new IhaReportMessage(1, "r1", "DEMO", new LocalDate(2026, 11, 30), "TM1", Audience.TeamManager, MessageRecipient.Staff("TM1")), data);
    }

    [Fact]
    public void It_puts_not_yet_requested_first_and_says_why_a_child_is_harder_in_words()
    {
        var (message, data) = Report();

        var (subject, text, _) = new EmailTemplates(Settings.TemplatesFolder).Render(EmailKind.IhaReport.Name(), EmailContent.IhaReport(message, data, "Manager"));

        Assert.Contains("3 children are inside the initial health assessment window: 1 not yet requested, 1 requested late, 1 requested on time.", subject, StringComparison.Ordinal);
        Assert.True(text.IndexOf("- C2", StringComparison.Ordinal) < text.IndexOf("- C1", StringComparison.Ordinal), text); // not yet requested first
        Assert.Contains("Requested: Not yet (5 working days past the request deadline)", text, StringComparison.Ordinal);
        Assert.Contains("Section 20 without consent: consent needed from the parents", text, StringComparison.Ordinal);
        Assert.Contains("Unaccompanied asylum-seeking child: documents may be limited", text, StringComparison.Ordinal);
        Assert.Contains("Requested: Yes, Thu 26 Nov 2026 (late)", text, StringComparison.Ordinal);
        Assert.Contains("IHA due Mon 14 Dec 2026: 10 working days left", text, StringComparison.Ordinal);
        Assert.Contains("Mon 30 Nov 2026: 3 / 1 / 1 / 1", text, StringComparison.Ordinal); // this week in the trend
        Assert.Contains("Mon 9 Nov 2026: 0 / 0 / 0 / 0", text, StringComparison.Ordinal); // before anyone entered care
        Assert.Contains("your team's children", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Madeup", text, StringComparison.Ordinal); // initials unless the council shows names to team managers
    }

    [Fact]
    public void The_spreadsheet_has_references_only_and_a_column_for_each_fact()
    {
        var (message, data) = Report();

        var lines = System.Text.Encoding.UTF8.GetString(CsvOutput.Write(EmailContent.IhaReportList(message, data))).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("case_reference,entered_care,social_worker,requested_on,request_deadline,iha_deadline,working_days_to_iha_deadline,legal_status,consent_status,uasc,consent_needed_from_parents", lines[0]);
        Assert.Equal("C2,2026-11-16,Sam Worker,,2026-11-23,2026-12-14,10,S20,PENDING,no,yes", lines[1]); // the export's own codes (domain/Records/ExportCodes.cs)
        Assert.Equal(4, lines.Length);
        Assert.DoesNotContain(lines, l => l.Contains("Hotel", StringComparison.Ordinal) || l.Contains("Madeup", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("-3", "-3")]                       // days past a deadline stay a number
    [InlineData("-2.5", "-2.5")]
    [InlineData("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0")]
    [InlineData("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")")]
    [InlineData("+44 7700 900123", "'+44 7700 900123")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("C000050", "C000050")]
    public void Spreadsheet_cells_are_formula_safe_and_numbers_stay_numbers(string cell, string written) =>
        Assert.Equal(written, CsvOutput.FormulaSafe(cell));

    [Theory]
    [InlineData(3, false, "3 working days left")]
    [InlineData(0, false, "0 working days left")]                                         // due today
    [InlineData(0, true, "past (overdue, at the weekend or a bank holiday)")]            // due Friday, read on Saturday: not "0 left"
    [InlineData(-1, true, "1 working day overdue")]
    public void Working_days_are_said_so_a_passed_deadline_never_reads_as_time_left(int n, bool passed, string words) =>
        Assert.Equal(words, LatenessWords.WorkingDaysWords(n, passed, "left", "overdue"));
}
