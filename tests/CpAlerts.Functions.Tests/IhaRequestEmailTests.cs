using System.Collections.Immutable;
using CpAlerts.Adapters.Email;
using CpAlerts.Application.Configuration;
using CpAlerts.Application.Delivery;
using CpAlerts.Application.Messages;
using CpAlerts.Application.Ports;
using CpAlerts.Domain.Escalation;
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

    private static readonly StaffMember Worker = new("S1", "Sam Worker", "sam@council.example", StaffRole.SocialWorker, "TM1", "A")
    {
        Phone = PhoneNumber.TryParse("01632 960123", out var phone, out _) ? phone : null,
    };

    private static readonly StaffMember Manager = new("TM1", "Tess Manager", "tess@council.example", StaffRole.TeamManager, "HOS1", "A");

    private static Mock<ICaseloadReader> Caseload(Child child, StaffMember? worker = null, StaffMember? manager = null)
    {
        var caseload = new Mock<ICaseloadReader>();
        caseload.Setup(c => c.ReadChildAsync("DEMO", "C1", It.IsAny<CancellationToken>())).ReturnsAsync(child);
        caseload.Setup(c => c.ReadStaffMemberAsync("DEMO", "S1", It.IsAny<CancellationToken>())).ReturnsAsync(worker ?? Worker);
        caseload.Setup(c => c.ReadStaffMemberAsync("DEMO", "TM1", It.IsAny<CancellationToken>())).ReturnsAsync(manager ?? Manager);
        return caseload;
    }

    private static async Task<string> TextAsync(Child child, DeliverySettings? settings = null, IhaRequestMessage? message = null, StaffMember? worker = null) =>
        (await RenderAsync(child, settings, message, worker)).Text;

    private static async Task<(string Text, string Html)> RenderAsync(Child child, DeliverySettings? settings = null, IhaRequestMessage? message = null, StaffMember? worker = null)
    {
        var model = await new EmailContent(Caseload(child, worker).Object, settings ?? Settings).IhaRequestAsync(message ?? Request, "Health team", default);
        var (_, text, html) = new EmailTemplates(Settings.TemplatesFolder).Render(EmailKind.IhaRequest.Name(), model);
        Assert.Equal(text.Contains("Hotel Madeup", StringComparison.Ordinal), html.Contains("Hotel Madeup", StringComparison.Ordinal)); // both parts say the same
        return (text, html);
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

    /// <summary>The rest of CoramBAAF Part A, every value recorded.</summary>
    private static Child WithPartA() => Child() with
    {
        Referral = Child().Referral with
        {
            Identity = new ChildIdentity(Ethnicity.BlackAfrican, "Orthodox Christian", "Girl"),
            Family = new FamilyAndLegal("The council (care order), shared with the mother", "Mother: Alpha Placeholder; father: not known", CategoryOfNeed.AbuseOrNeglect),
            Placement = new PlacementDetails("12 Specimen Road, Farfield", new LocalDate(2026, 11, 25)),
            Health = new KnownHealth("Asthma", "None", "Penicillin", "Salbutamol inhaler when needed", ImmunisationStatus.NotUpToDate),
            School = "Alpha Placeholder Primary School",
        },
    };

    [Fact]
    public async Task It_has_the_rest_of_part_a_in_words_under_the_right_headings()
    {
        var (text, html) = await RenderAsync(WithPartA());

        string[][] sections =
        [
            ["THE CHILD", "Gender identity: Girl", "Ethnicity: Black or Black British: African", "Religion: Orthodox Christian"],
            ["CARE, FAMILY AND LEGAL", "Reason for entering care: Abuse or neglect", "Parental responsibility: The council (care order), shared with the mother",
                "Parents: Mother: Alpha Placeholder; father: not known"],
            ["PLACEMENT", "Placement start date: Wed 25 Nov 2026", "Placement address: 12 Specimen Road, Farfield"],
            ["HEALTH", "Known health needs: Asthma", "Disability: None", "Allergies: Penicillin", "Medication: Salbutamol inhaler when needed",
                "Immunisations: Not up to date: please check what is missing"],
            ["EDUCATION", "School: Alpha Placeholder Primary School"],
            ["SOCIAL WORKER AND TEAM MANAGER", "Social worker: Sam Worker (sam@council.example)", "Social worker's phone: 01632 960123", "Team manager: Tess Manager (tess@council.example)"],
        ];
        foreach (var section in sections)
        {
            var at = text.IndexOf(section[0] + "\n", StringComparison.Ordinal);
            Assert.True(at >= 0, section[0]);
            var end = text.IndexOf("\n\n", at, StringComparison.Ordinal);
            Assert.All(section.Skip(1), line => Assert.Contains(line, text[at..end], StringComparison.Ordinal)); // under its own heading
        }

        foreach (var (label, value) in new[] { ("Ethnicity", "Black or Black British: African"), ("Reason for entering care", "Abuse or neglect"), ("Social worker's phone", "01632 960123"), ("Team manager", "Tess Manager (tess@council.example)") })
        {
            Assert.Contains($"<th scope=\"row\">{label}</th><td>{value}</td>", html, StringComparison.Ordinal); // each value beside its label, on a phone too
        }

        foreach (var caption in new[] { "The child", "Care, family and legal", "Placement", "Health", "Education", "Social worker and team manager" })
        {
            Assert.Contains($"<caption>{caption}</caption>", html, StringComparison.Ordinal);
        }

        foreach (var code in new[] { "BAFR", "N1", "NOT_UP_TO_DATE", "NotUpToDate", "BlackAfrican", "AbuseOrNeglect" })
        {
            Assert.DoesNotContain(code, text, StringComparison.Ordinal); // the reader never sees a code
            Assert.DoesNotContain(code, html, StringComparison.Ordinal);
        }
    }

    /// <summary>Every code of each coded column, and the words the request shows for it.</summary>
    public static TheoryData<string, string, string> CodedWords() => new()
    {
        { "ethnicity", "WBRI", "Ethnicity: White British" },
        { "ethnicity", "WIRI", "Ethnicity: White Irish" },
        { "ethnicity", "WIRT", "Ethnicity: Traveller of Irish heritage" },
        { "ethnicity", "WOTH", "Ethnicity: Any other White background" },
        { "ethnicity", "WROM", "Ethnicity: Gypsy or Roma" },
        { "ethnicity", "MWBC", "Ethnicity: Mixed: White and Black Caribbean" },
        { "ethnicity", "MWBA", "Ethnicity: Mixed: White and Black African" },
        { "ethnicity", "MWAS", "Ethnicity: Mixed: White and Asian" },
        { "ethnicity", "MOTH", "Ethnicity: Any other mixed background" },
        { "ethnicity", "AIND", "Ethnicity: Asian or Asian British: Indian" },
        { "ethnicity", "APKN", "Ethnicity: Asian or Asian British: Pakistani" },
        { "ethnicity", "ABAN", "Ethnicity: Asian or Asian British: Bangladeshi" },
        { "ethnicity", "AOTH", "Ethnicity: Any other Asian background" },
        { "ethnicity", "BCRB", "Ethnicity: Black or Black British: Caribbean" },
        { "ethnicity", "BAFR", "Ethnicity: Black or Black British: African" },
        { "ethnicity", "BOTH", "Ethnicity: Any other Black background" },
        { "ethnicity", "CHNE", "Ethnicity: Chinese" },
        { "ethnicity", "OOTH", "Ethnicity: Any other ethnic group" },
        { "ethnicity", "REFU", "Ethnicity: Declined to say" },
        { "ethnicity", "NOBT", "Ethnicity: Information not yet obtained" },
        { "category_of_need", "N1", "Reason for entering care: Abuse or neglect" },
        { "category_of_need", "N2", "Reason for entering care: The child's disability" },
        { "category_of_need", "N3", "Reason for entering care: Parental illness or disability" },
        { "category_of_need", "N4", "Reason for entering care: Family in acute stress" },
        { "category_of_need", "N5", "Reason for entering care: Family dysfunction" },
        { "category_of_need", "N6", "Reason for entering care: Socially unacceptable behaviour" },
        { "category_of_need", "N7", "Reason for entering care: Low income" },
        { "category_of_need", "N8", "Reason for entering care: Absent parenting" },
        { "immunisations", "UP_TO_DATE", "Immunisations: Up to date" },
        { "immunisations", "NOT_UP_TO_DATE", "Immunisations: Not up to date: please check what is missing" },
        { "immunisations", "NOT_KNOWN", "Immunisations: Not known" },
    };

    [Theory]
    [MemberData(nameof(CodedWords))]
    public async Task Each_code_is_shown_in_words_never_as_the_code(string column, string code, string line)
    {
        var referral = Child().Referral;
        referral = column switch
        {
            "ethnicity" => referral with { Identity = ChildIdentity.None with { Ethnicity = ExportCodes.Ethnicities[code] } },
            "category_of_need" => referral with { Family = FamilyAndLegal.None with { ReasonForEnteringCare = ExportCodes.CategoriesOfNeed[code] } },
            _ => referral with { Health = KnownHealth.None with { Immunisations = ExportCodes.Immunisations[code] } },
        };

        var text = await TextAsync(Child() with { Referral = referral });

        Assert.Contains(line + "\n", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotMatch($@"\b{code}\b", text);
    }

    [Fact]
    public void Every_code_of_each_coded_column_has_its_words_in_the_table_above()
    {
        var codes = CodedWords().Select(row => ((string)row[0], (string)row[1])).ToHashSet();
        Assert.All(ExportCodes.Ethnicities.Keys, c => Assert.Contains(("ethnicity", c), codes));
        Assert.All(ExportCodes.CategoriesOfNeed.Keys, c => Assert.Contains(("category_of_need", c), codes));
        Assert.All(ExportCodes.Immunisations.Keys, c => Assert.Contains(("immunisations", c), codes));
    }

    [Fact]
    public async Task What_the_export_does_not_have_says_not_recorded()
    {
        var text = await TextAsync(Child(), worker: new StaffMember("S1", "Sam Worker", null, StaffRole.SocialWorker, null, "A"));

        foreach (var label in new[]
        {
            "Gender identity", "Ethnicity", "Religion", "Reason for entering care", "Parental responsibility", "Parents", "Placement start date", "Placement address",
            "Known health needs", "Disability", "Allergies", "Medication", "Immunisations", "School", "Social worker's phone", "Team manager",
        })
        {
            Assert.Contains($"\n{label}: not recorded\n", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        }

        Assert.Contains("Social worker: Sam Worker\n", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_social_worker_the_team_manager_is_not_known_and_nobody_is_rung()
    {
        var text = await TextAsync(Child() with { SocialWorkerId = null });

        Assert.Contains("Social worker's phone: none (no social worker allocated)", text, StringComparison.Ordinal);
        Assert.Contains("Team manager: not known (no social worker allocated)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("01632 960123", text, StringComparison.Ordinal);
    }

    /// <summary>Every kind of email about a child's items, to every audience that gets one.</summary>
    public static TheoryData<EmailKind, Audience> OtherEmails()
    {
        var data = new TheoryData<EmailKind, Audience>();
        foreach (var kind in new[] { EmailKind.Digest, EmailKind.Escalation, EmailKind.SameDay })
        {
            foreach (var audience in Enum.GetValues<Audience>())
            {
                data.Add(kind, audience);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OtherEmails))]
    public async Task No_other_email_carries_the_request_details(EmailKind kind, Audience audience)
    {
        // Names shown to everyone, so only the request's own details could tell them apart.
        var settings = Settings with { FullNamesFor = [.. Enum.GetValues<Audience>()], Web = new WebSettings(SignInMode.Platform, "https://cpalerts.council.example") };
        var caseload = Caseload(WithPartA());
        caseload.Setup(c => c.ReadStaffMemberAsync("DEMO", "R1", It.IsAny<CancellationToken>())).ReturnsAsync(new StaffMember("R1", "Reader", "reader@council.example", StaffRole.TeamManager, "HOS1", "A"));
        var content = new EmailContent(caseload.Object, settings);
        var recipient = MessageRecipient.Staff("R1");
        var today = new LocalDate(2026, 12, 21);
        AlertItem[] items =
        [
            new("IHA_COMPLETION|C1|2026-11-20", Domain.Rules.RuleId.IhaCompletion, "C1", "C1", new LocalDate(2026, 12, 18), null, 3, EscalationLevel.Overdue, audience, null),
            new("IHA_REQUEST|C1|2026-11-20", Domain.Rules.RuleId.IhaRequest, "C1", "C1", new LocalDate(2026, 11, 27), null, 24, EscalationLevel.Escalated, audience, null),
        ];
        var model = kind == EmailKind.Digest
            ? await content.DigestAsync(new DigestMessage(1, "d1", "DEMO", today, recipient, [.. items]) { AsOf = today }, "Reader", default)
            : kind == EmailKind.SameDay
                ? await content.SameDayAsync(new EscalationMessage(1, "s1", "DEMO", today, recipient, [.. items]) { Purpose = AlertPurpose.SameDay }, "Reader", default)
                : await content.EscalationAsync(new EscalationMessage(1, "e1", "DEMO", today, recipient, [.. items]), "Reader", default);

        var (subject, text, html) = new EmailTemplates(Settings.TemplatesFolder).Render(kind.Name(), model);

        Assert.Contains("Hotel Madeup", text, StringComparison.Ordinal); // the child is there, by name
        foreach (var detail in new[]
        {
            "Orthodox Christian", "Black or Black British", "BAFR", "Abuse or neglect", "Alpha Placeholder", "shared with the mother", "12 Specimen Road", "Farfield",
            "25 Nov 2026", "Asthma", "Penicillin", "Salbutamol", "Primary School", "01632 960123", "Not up to date",
            "Tigrinya", "Carer Placeholder", "07700 900123", "CW1", // the request's earlier details, as before
        })
        {
            Assert.DoesNotContain(detail, subject + text + html, StringComparison.Ordinal);
        }
    }
}
