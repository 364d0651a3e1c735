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

/// <summary>
/// No email links its reader to a page that refuses them (issue 30): the team view's links ("see all your open items",
/// "say this is in hand") go only to the readers it lets in — a social worker, team manager or head of service — in
/// every kind of email that carries them, rendered through the real templates.
/// </summary>
public class EmailLinksTests
{
    private const string Base = "https://cpalerts.council.example";

    private static readonly DeliverySettings Settings = new("cpalerts@council.example", "CpAlerts", "", [], "fallback@council.example", DeliverySettings.DefaultTemplatesFolder)
    {
        Web = new WebSettings(SignInMode.Platform, Base),
    };

    public static TheoryData<EmailKind, StaffRole, Audience> Readers()
    {
        var data = new TheoryData<EmailKind, StaffRole, Audience>();
        (StaffRole, Audience)[] readers =
        [
            (StaffRole.SocialWorker, Audience.SocialWorker), (StaffRole.TeamManager, Audience.TeamManager), (StaffRole.HeadOfService, Audience.HeadOfService),
            (StaffRole.Iro, Audience.Iro), (StaffRole.HealthTeam, Audience.HealthTeam), (StaffRole.DentalAdviser, Audience.DentalAdviser),
            (StaffRole.TeamManager, Audience.SocialWorker), // a manager standing in for a worker who cannot be reached
        ];
        foreach (var kind in new[] { EmailKind.Digest, EmailKind.Escalation, EmailKind.SameDay })
        {
            foreach (var (role, audience) in readers)
            {
                data.Add(kind, role, audience);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task Team_view_links_go_only_to_readers_it_lets_in(EmailKind kind, StaffRole role, Audience audience)
    {
        var caseload = new Mock<ICaseloadReader>();
        caseload.Setup(c => c.ReadStaffMemberAsync("DEMO", "R1", It.IsAny<CancellationToken>())).ReturnsAsync(new StaffMember("R1", "Reader", "reader@council.example", role, null, "A"));
        var content = new EmailContent(caseload.Object, Settings);
        var item = new AlertItem("IHA_COMPLETION|C07|2026-11-20", RuleId.IhaCompletion, "C07", "C07", new LocalDate(2026, 11, 20), null, 3, EscalationLevel.Overdue, audience, null);
        var recipient = MessageRecipient.Staff("R1");
        var model = kind == EmailKind.Digest
            ? await content.DigestAsync(new DigestMessage(1, "d1", "DEMO", new LocalDate(2026, 11, 23), recipient, [item]) { AsOf = new LocalDate(2026, 11, 23) }, "Reader", default)
            : kind == EmailKind.SameDay
                ? await content.SameDayAsync(new EscalationMessage(1, "s1", "DEMO", new LocalDate(2026, 11, 23), recipient, [item]) { Purpose = AlertPurpose.SameDay }, "Reader", default)
                : await content.EscalationAsync(new EscalationMessage(1, "e1", "DEMO", new LocalDate(2026, 11, 23), recipient, [item]), "Reader", default);

        var (_, text, html) = new EmailTemplates(Settings.TemplatesFolder).Render(kind.Name(), model);

        var letIn = role is StaffRole.SocialWorker or StaffRole.TeamManager or StaffRole.HeadOfService;
        Assert.Equal(letIn, html.Contains($"{Base}/api/team", StringComparison.Ordinal));
        Assert.Equal(letIn, text.Contains($"{Base}/api/team", StringComparison.Ordinal));
        if (!letIn)
        {
            Assert.DoesNotContain($"{Base}/api/", html, StringComparison.Ordinal); // no "say this is in hand" either
        }
    }
}
