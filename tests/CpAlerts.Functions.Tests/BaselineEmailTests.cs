using CpAlerts.Adapters.Csv;
using CpAlerts.Adapters.Email;
using CpAlerts.Application.Configuration;
using CpAlerts.Application.Delivery;
using CpAlerts.Application.Messages;
using CpAlerts.Application.Ports;
using CpAlerts.Domain.Escalation;
using CpAlerts.Domain.Records;
using CpAlerts.Domain.Rules;
using Moq;

using NodaTime;

namespace CpAlerts.Functions.Tests;

/// <summary>The first sweep's summary to a manager: counts, the ten most urgent, and every item in an attached list of references.</summary>
public class BaselineEmailTests
{
    private static readonly DeliverySettings Settings = new("cpalerts@council.example", "CpAlerts", "", [], "fallback@council.example", DeliverySettings.DefaultTemplatesFolder);

    private static (EmailContent Content, EscalationMessage Message) Baseline(int items)
    {
        var caseload = new Mock<ICaseloadReader>();
        caseload.Setup(c => c.ReadChildAsync("DEMO", It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, string id, CancellationToken _) => new Child(id, "Golf", "Testcase", new NodaTime.LocalDate(2013, 8, 8), LegalStatus.CareOrder, false, "Easttown", ConsentStatus.Given, new NodaTime.LocalDate(2022, 1, 10), null, "S03"));
        caseload.Setup(c => c.ReadStaffMemberAsync("DEMO", "S03", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new StaffMember("S03", "Sam Worker", "sam.worker@council.example", StaffRole.SocialWorker, "TM1", "A"));
        // Most urgent first, as the sweep orders them; the first child's reference looks like a spreadsheet formula.
        var list = Enumerable.Range(0, items).Select(i => new AlertItem($"DENTAL_CHECK|C{i}|x", RuleId.DentalCheck, i == 0 ? "=HYPERLINK(\"x\")" : $"C{i:D3}", $"C{i:D3}",
            new LocalDate(2026, 1, 1), null, 300 - i, EscalationLevel.Overdue, Audience.TeamManager, null)).ToList();
        return (new EmailContent(caseload.Object, Settings), new EscalationMessage(1, "b1", "DEMO", new LocalDate(2026, 11, 24), MessageRecipient.Staff("TM1"), list) { Purpose = AlertPurpose.Baseline });
    }

    [Fact]
    public async Task It_shows_counts_and_the_ten_most_urgent_and_attaches_every_item()
    {
        var (content, message) = Baseline(12);

        var (subject, text, _) = new EmailTemplates(Settings.TemplatesFolder).Render(EmailKind.Baseline.Name(), content.Baseline(message, await content.ReadItemsAsync(message, default), "Manager"));

        Assert.Contains("12 items already open", subject, StringComparison.Ordinal);
        Assert.Contains("Sam Worker, Dental check: 12 overdue\n", text, StringComparison.Ordinal); // a zero is not news
        Assert.Contains("The 10 most urgent", text, StringComparison.Ordinal);
        Assert.Contains("C009", text, StringComparison.Ordinal);
        Assert.DoesNotContain("C010", text, StringComparison.Ordinal); // the eleventh is only in the list
        Assert.Contains("From tomorrow you are told only what changes", text, StringComparison.Ordinal);
        Assert.Contains("cpalerts-baseline-DEMO-2026-11-24.csv", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_attached_list_has_every_item_by_reference_only_and_is_formula_safe()
    {
        var (content, message) = Baseline(12);

        var csv = System.Text.Encoding.UTF8.GetString(CsvOutput.Write(EmailContent.BaselineList(message, await content.ReadItemsAsync(message, default)))).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("case_reference,what,due_date,status,days_overdue,social_worker", csv[0]);
        Assert.Equal(13, csv.Length);
        Assert.Contains("C011", csv[^1], StringComparison.Ordinal);
        Assert.StartsWith("\"'=HYPERLINK", csv[1], StringComparison.Ordinal); // opens as text, not a formula
        Assert.DoesNotContain(csv, line => line.Contains("Golf", StringComparison.Ordinal) || line.Contains("Testcase", StringComparison.Ordinal));
    }
}
