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

/// <summary>The health team books a review health assessment from the reminder: the child's full name and NHS number, as on the IHA request.</summary>
public class HealthTeamReminderTests
{
    private static async Task<string> TextAsync(bool namesOnRequest, Audience audience)
    {
        var settings = new DeliverySettings("cpalerts@council.example", "CpAlerts", "", [], "fallback@council.example", DeliverySettings.DefaultTemplatesFolder) { IhaRequestShowsName = namesOnRequest };
        var caseload = new Mock<ICaseloadReader>();
        caseload.Setup(c => c.ReadChildAsync("DEMO", "C1", It.IsAny<CancellationToken>())).ReturnsAsync(
            new Child("C1", "Hotel", "Madeup", new LocalDate(2016, 5, 4), LegalStatus.CareOrder, false, "North", ConsentStatus.Given, new LocalDate(2024, 1, 8), null, "S1")
            {
                Referral = HealthReferral.None with { NhsNumber = NhsNumber.TryParse("9434765919", out var n, out _) ? n : null },
            });
        var item = new AlertItem("RHA|C1|2026-11-20", RuleId.ReviewHealthAssessment, "C1", "C1", new LocalDate(2026, 11, 20), null, 4, EscalationLevel.Overdue, audience, null);
        var message = new EscalationMessage(1, "e1", "DEMO", new LocalDate(2026, 11, 24), MessageRecipient.HealthTeam("QYG"), [item]);
        var model = await new EmailContent(caseload.Object, settings).EscalationAsync(message, "Health team", default);
        return new EmailTemplates(settings.TemplatesFolder).Render(EmailKind.Escalation.Name(), model).Text;
    }

    [Fact]
    public async Task By_default_the_health_team_is_given_the_full_name_and_nhs_number()
    {
        var text = await TextAsync(namesOnRequest: true, Audience.HealthTeam);

        Assert.Contains("C1 (Hotel Madeup, NHS number 943 476 5919)", text, StringComparison.Ordinal);
        Assert.Contains("It shows children's names", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_setting_as_the_iha_request_turns_both_off_and_nobody_else_gets_them()
    {
        Assert.Contains("C1 (H. M.)", await TextAsync(namesOnRequest: false, Audience.HealthTeam), StringComparison.Ordinal);
        var manager = await TextAsync(namesOnRequest: true, Audience.TeamManager);
        Assert.Contains("C1 (H. M.)", manager, StringComparison.Ordinal);
        Assert.DoesNotContain("943", manager, StringComparison.Ordinal);
    }
}
