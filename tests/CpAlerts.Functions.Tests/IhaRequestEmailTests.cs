using System.Collections.Immutable;
using CpAlerts.Adapters.Email;
using CpAlerts.Application.Configuration;
using CpAlerts.Application.Delivery;
using CpAlerts.Application.Messages;
using CpAlerts.Application.Ports;
using CpAlerts.Domain.Records;
using Moq;
using NodaTime;

namespace CpAlerts.Functions.Tests;

/// <summary>The health team's IHA request, read as the team booking the assessment would.</summary>
public class IhaRequestEmailTests
{
    private static readonly DeliverySettings Settings = new("cpalerts@council.example", "CpAlerts", "https://cases.council.example/children/{childId}", [],
        "fallback@council.example", DeliverySettings.DefaultTemplatesFolder)
    {
        HealthTeams = new(new Dictionary<string, HealthTeamMailboxes.Mailbox> { ["QYG"] = new("cm@nhs.example", "Cheshire and Merseyside LAC health") }.ToImmutableDictionary()),
    };

    private static readonly IhaRequestMessage Request = new(1, "i1", "DEMO", "C1", new LocalDate(2026, 11, 20), new LocalDate(2026, 12, 18), MessageRecipient.HealthTeam("QYG"));

    private static async Task<string> TextAsync(Child child, DeliverySettings? settings = null, IhaRequestMessage? message = null)
    {
        var caseload = new Mock<ICaseloadReader>();
        caseload.Setup(c => c.ReadChildAsync("DEMO", "C1", It.IsAny<CancellationToken>())).ReturnsAsync(child);
        caseload.Setup(c => c.ReadStaffMemberAsync("DEMO", "S1", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new StaffMember("S1", "Sam Worker", "sam@council.example", StaffRole.SocialWorker, "TM1", "A"));
        var model = await new EmailContent(caseload.Object, settings ?? Settings).IhaRequestAsync(message ?? Request, "Health team", default);
        var (_, text, html) = new EmailTemplates(Settings.TemplatesFolder).Render(EmailKind.IhaRequest.Name(), model);
        Assert.Equal(text.Contains("Hotel Madeup", StringComparison.Ordinal), html.Contains("Hotel Madeup", StringComparison.Ordinal)); // both parts say the same
        return text;
    }

    [Fact]
    public async Task An_urgent_request_says_so_first_and_a_routine_one_does_not()
    {
        var urgent = await TextAsync(Child(), message: Request with { Urgent = true });
        var routine = await TextAsync(Child());

        Assert.StartsWith("Urgent: due within 2 working days. Please book straight away.", urgent[urgent.IndexOf("Urgent", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.True(urgent.IndexOf("Urgent", StringComparison.Ordinal) < urgent.IndexOf("It must be completed by", StringComparison.Ordinal));
        Assert.DoesNotContain("Urgent", routine, StringComparison.Ordinal);
        var subject = new EmailTemplates(Settings.TemplatesFolder).Render(EmailKind.IhaRequest.Name(), await ModelAsync(Request with { Urgent = true })).Subject;
        Assert.StartsWith("Urgent: Initial health assessment needed for C1", subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replies_to_the_request_go_to_the_childs_social_worker()
    {
        var caseload = new Mock<ICaseloadReader>();
        caseload.Setup(c => c.ReadChildAsync("DEMO", "C1", It.IsAny<CancellationToken>())).ReturnsAsync(Child());
        caseload.Setup(c => c.ReadStaffMemberAsync("DEMO", "S1", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new StaffMember("S1", "Sam Worker", "sam@council.example", StaffRole.SocialWorker, "TM1", "A"));
        var content = new EmailContent(caseload.Object, Settings);
        var envelope = new DeliveryEnvelope("DEMO", "i1", EmailKind.IhaRequest, Request.Recipient, EmailAudience.HealthTeam, (name, ct) => content.IhaRequestAsync(Request, name, ct));
        var delivery = new CpAlerts.Application.Delivery.Delivery(envelope) { Address = ("cm@nhs.example", "Health team") };

        var rendered = Assert.IsType<StageResult.HandOn>(await new RenderEmail(new EmailTemplates(Settings.TemplatesFolder)).RunAsync(delivery, default));

        Assert.Equal(new EmailContact("sam@council.example", "Sam Worker"), rendered.Delivery.Email!.ReplyTo);
    }

    private static async Task<Dictionary<string, object?>> ModelAsync(IhaRequestMessage message)
    {
        var caseload = new Mock<ICaseloadReader>();
        caseload.Setup(c => c.ReadChildAsync("DEMO", "C1", It.IsAny<CancellationToken>())).ReturnsAsync(Child());
        return await new EmailContent(caseload.Object, Settings).IhaRequestAsync(message, "Health team", default);
    }

    private static Child Child(LegalStatus legal = LegalStatus.CareOrder, ConsentStatus? consent = ConsentStatus.Given) =>
        new("C1", "Hotel", "Madeup", new LocalDate(2016, 5, 4), legal, true, "Out of area", consent, new LocalDate(2026, 11, 20), null, "S1")
        {
            PlacementIcb = "QYG",
            Referral = new HealthReferral(NhsNumber.TryParse("9434765919", out var n, out _) ? n : null, Sex.Female, "Tigrinya", true, "CW1", "Carer Placeholder",
                "07700 900123", null, "Mother", new LocalDate(2026, 11, 21)),
        };

    [Fact]
    public async Task It_has_what_the_health_team_books_from_and_says_not_recorded_for_the_rest()
    {
        var text = await TextAsync(Child());

        foreach (var expected in new[]
        {
            "Name: Hotel Madeup", "NHS number: 943 476 5919", "Date of birth: Wed 4 May 2016", "Sex: Female", "First language: Tigrinya", "Interpreter: Needed",
            "Unaccompanied asylum-seeking child: Yes", "Postcode district: CW1", "Placement ICB: Cheshire and Merseyside LAC health (ICB code QYG)",
            "Carer: Carer Placeholder", "Carer's phone: 07700 900123", "GP practice: not recorded", "Consent: Given by Mother on Sat 21 Nov 2026",
            "Social worker: Sam Worker (sam@council.example)", "IHA due by: Fri 18 Dec 2026", "A child entered care on Fri 20 Nov 2026",
        })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("cases.council.example", text, StringComparison.Ordinal); // the NHS cannot open the council's case records
    }

    [Fact]
    public async Task A_council_can_turn_names_off()
    {
        var text = await TextAsync(Child(), Settings with { IhaRequestShowsName = false });

        Assert.Contains("Name: H. M.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Madeup", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(LegalStatus.S20, ConsentStatus.Pending, "Under section 20 the council does not hold parental responsibility, so consent comes from a parent")]
    [InlineData(LegalStatus.CareOrder, ConsentStatus.Pending, "Please hold an appointment before the due date and ask Sam Worker when consent will be given.")]
    [InlineData(LegalStatus.CareOrder, ConsentStatus.Refused, "Please do not examine the child without consent; agree the next step with Sam Worker")]
    [InlineData(LegalStatus.CareOrder, null, "Consent is not recorded. Please confirm it with Sam Worker")]
    [InlineData(LegalStatus.CareOrder, ConsentStatus.Given, "Consent is recorded: please book the assessment.")]
    public async Task It_says_what_to_do_about_consent(LegalStatus legal, ConsentStatus? consent, string guidance) =>
        Assert.Contains(guidance, await TextAsync(Child(legal, consent)), StringComparison.Ordinal);

    [Fact]
    public async Task A_request_already_made_says_so()
    {
        var text = await TextAsync(Child(), message: Request with { RequestedOn = new LocalDate(2026, 11, 23) });

        Assert.Contains("The social worker requested this initial health assessment on Mon 23 Nov 2026.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("A child entered care", text, StringComparison.Ordinal);
    }
}
