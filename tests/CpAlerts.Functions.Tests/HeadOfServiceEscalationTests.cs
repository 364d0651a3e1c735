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

/// <summary>A head of service reads an escalation by team and its team manager, and acts through the manager, not the worker.</summary>
public class HeadOfServiceEscalationTests
{
    private static readonly DeliverySettings Settings = new("cpalerts@council.example", "CpAlerts", "", [], "fallback@council.example", DeliverySettings.DefaultTemplatesFolder);

    private static readonly StaffMember[] Staff =
    [
        new("S1", "Sam Worker", "sam@council.example", StaffRole.SocialWorker, "TM1", "North"),
        new("S2", "Sol Worker", "sol@council.example", StaffRole.SocialWorker, "TM2", "South"),
        new("TM1", "Tess Manager", "tess@council.example", StaffRole.TeamManager, "H1", "North"),
        new("TM2", "Tom Manager", "tom@council.example", StaffRole.TeamManager, "H1", "South"),
    ];

    private static AlertItem Item(string child, Audience audience) =>
        new($"IHA_COMPLETION|{child}|2026-11-20", RuleId.IhaCompletion, child, child, new LocalDate(2026, 11, 20), null, 13, EscalationLevel.Escalated, audience, null);

    private static async Task<string> TextAsync(Audience audience)
    {
        var caseload = new Mock<ICaseloadReader>();
        foreach (var (child, worker) in new[] { ("C1", "S1"), ("C2", "S2"), ("C3", "S1") })
        {
            caseload.Setup(c => c.ReadChildAsync("DEMO", child, It.IsAny<CancellationToken>()))
                .ReturnsAsync(new Child(child, "Golf", "Testcase", new LocalDate(2015, 1, 1), LegalStatus.CareOrder, false, "North", ConsentStatus.Given, new LocalDate(2026, 10, 20), null, worker));
        }

        foreach (var member in Staff)
        {
            caseload.Setup(c => c.ReadStaffMemberAsync("DEMO", member.StaffId, It.IsAny<CancellationToken>())).ReturnsAsync(member);
        }

        var message = new EscalationMessage(1, "e1", "DEMO", new LocalDate(2026, 12, 7), MessageRecipient.Staff("H1"), [Item("C1", audience), Item("C2", audience), Item("C3", audience)]);
        var model = await new EmailContent(caseload.Object, Settings).EscalationAsync(message, "Hana Head", default);
        return new EmailTemplates(Settings.TemplatesFolder).Render(EmailKind.Escalation.Name(), model).Text;
    }

    [Fact]
    public async Task Counts_come_by_team_and_manager_and_the_action_goes_through_the_manager()
    {
        var text = await TextAsync(Audience.HeadOfService);

        Assert.Contains("By team and team manager:", text, StringComparison.Ordinal);
        Assert.Contains("North: Tess Manager: 2 overdue", text, StringComparison.Ordinal);
        Assert.Contains("South: Tom Manager: 1 overdue", text, StringComparison.Ordinal);
        Assert.Contains("Ask Tess Manager (Sam Worker's team manager) when the initial health assessment will be done", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Ask Sam Worker", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_team_manager_still_reads_by_social_worker_and_asks_the_worker()
    {
        var text = await TextAsync(Audience.TeamManager);

        Assert.Contains("By social worker:", text, StringComparison.Ordinal);
        Assert.Contains("Ask Sam Worker when the initial health assessment will be done", text, StringComparison.Ordinal);
    }
}
