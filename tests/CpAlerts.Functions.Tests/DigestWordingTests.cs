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

/// <summary>What a social worker and the health team read about a review health assessment, rendered through the real templates.</summary>
public class DigestWordingTests
{
    private static readonly DeliverySettings Settings = new("cpalerts@council.example", "CpAlerts", "", [], "fallback@council.example", DeliverySettings.DefaultTemplatesFolder);

    private static EmailContent Content(DeliverySettings? settings = null)
    {
        var caseload = new Mock<ICaseloadReader>();
        caseload.Setup(c => c.ReadChildAsync("DEMO", "C07", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Child("C07", "Golf", "Testcase", new NodaTime.LocalDate(2013, 8, 8), LegalStatus.CareOrder, false, "Easttown", ConsentStatus.Given, new NodaTime.LocalDate(2022, 1, 10), null, "S03"));
        caseload.Setup(c => c.ReadStaffMemberAsync("DEMO", "S03", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new StaffMember("S03", "Sam Worker", "sam.worker@council.example", StaffRole.SocialWorker, "TM1", "A"));
        return new EmailContent(caseload.Object, settings ?? Settings);
    }

    private static AlertItem Overdue(Audience audience) =>
        new("REVIEW_HEALTH_ASSESSMENT|C07|2026-11-20", RuleId.ReviewHealthAssessment, "C07", "C07", new LocalDate(2026, 11, 20), null, 39, EscalationLevel.Escalated, audience, null);

    [Fact]
    public async Task The_digest_says_an_overdue_review_health_assessment_in_words()
    {
        var digest = new DigestMessage(1, "d1", "DEMO", new LocalDate(2026, 12, 28), MessageRecipient.Staff("S03"), [Overdue(Audience.SocialWorker)]);

        var (_, text, html) = new EmailTemplates(Settings.TemplatesFolder).Render(EmailKind.Digest.Name(), await Content().DigestAsync(digest, "Sam Worker", default));

        foreach (var part in new[] { text, html })
        {
            Assert.Contains("Review health assessment", part, StringComparison.Ordinal);
            Assert.Contains("39 days overdue", part, StringComparison.Ordinal);
            Assert.Contains("1 item for 1 child", part, StringComparison.Ordinal); // plurals in words, not item(s)
            Assert.Contains("case references and initials only", part, StringComparison.Ordinal);
            Assert.Contains("Ask the health team to book the review health assessment", part, StringComparison.Ordinal);
            Assert.DoesNotContain("REVIEW_HEALTH_ASSESSMENT", part, StringComparison.Ordinal); // no codes in what people read
        }
    }

    [Theory]
    // rule, the reader, what they are asked to do (written for them, naming the social worker)
    [InlineData(RuleId.ReviewHealthAssessment, Audience.HealthTeam, "Book the health assessment and tell Sam Worker the date.")]
    [InlineData(RuleId.ReviewHealthAssessment, Audience.TeamManager, "Ask Sam Worker when the review health assessment is booked")]
    [InlineData(RuleId.IhaCompletion, Audience.HeadOfService, "Ask Sam Worker when the initial health assessment will be done")]
    [InlineData(RuleId.DentalCheck, Audience.DentalAdviser, "Help secure a dental appointment")]
    [InlineData(RuleId.PermanenceReview, Audience.Iro, "Make sure the child's review records a plan for permanence")]
    public async Task Each_audience_is_told_what_it_can_do(RuleId rule, Audience audience, string action)
    {
        var escalation = new EscalationMessage(1, "e1", "DEMO", new LocalDate(2026, 12, 29), MessageRecipient.Staff("X1"), [Overdue(audience) with { Rule = rule }]);

        var (_, text, html) = new EmailTemplates(Settings.TemplatesFolder).Render(EmailKind.Escalation.Name(), await Content().EscalationAsync(escalation, "Reader", default));

        Assert.Contains(action, text, StringComparison.Ordinal);
        Assert.Contains(action, System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.DoesNotContain("Book a dental check", text, StringComparison.Ordinal); // the social worker's action is not the manager's
    }

    private static readonly string[] Children = ["C07", "C08", "C09"];

    [Fact]
    public async Task A_managers_escalation_groups_items_by_social_worker_and_says_why_once()
    {
        var items = Children.Select(c => Overdue(Audience.TeamManager) with { FindingKey = $"RHA|{c}", ChildId = c, SubjectId = c }).ToArray();
        var escalation = new EscalationMessage(1, "e4", "DEMO", new LocalDate(2026, 12, 29), MessageRecipient.Staff("TM1"), items);

        var (subject, text, _) = new EmailTemplates(Settings.TemplatesFolder).Render(EmailKind.Escalation.Name(), await Content().EscalationAsync(escalation, "Manager", default));

        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "As the team manager, you are told"));
        Assert.Contains("Sam Worker: 1 item for 1 child", text, StringComparison.Ordinal); // C07 is Sam's
        Assert.Contains("No social worker allocated: 2 items for 2 children", text, StringComparison.Ordinal); // C08, C09 are not on record
        Assert.True(text.IndexOf("No social worker allocated: 2 items", StringComparison.Ordinal) < text.IndexOf("Sam Worker: 1 item", StringComparison.Ordinal)); // most items first
        Assert.Contains("3 overdue", subject, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-12-29", "due today")]
    [InlineData("2026-12-30", "due tomorrow")]
    [InlineData("2027-01-01", "due in 3 days")]
    public async Task Due_soon_says_when(string due, string words)
    {
        var item = new AlertItem($"RETURN_INTERVIEW|E1|{due}", RuleId.ReturnInterview, "C07", "E1", NodaTime.Text.LocalDatePattern.Iso.Parse(due).Value, null, 0, EscalationLevel.DueSoon, Audience.SocialWorker, null);
        var digest = new DigestMessage(1, "d2", "DEMO", new LocalDate(2026, 12, 28), MessageRecipient.Staff("S03"), [item, item with { FindingKey = "x" }]) { AsOf = new LocalDate(2026, 12, 29) };

        var (_, text, _) = new EmailTemplates(Settings.TemplatesFolder).Render(EmailKind.Digest.Name(), await Content().DigestAsync(digest, "Sam Worker", default));

        Assert.Contains(words, text, StringComparison.Ordinal);
        Assert.Contains("2 items for 1 child", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_footer_says_names_are_shown_when_the_council_shows_them()
    {
        var named = new EmailContent(Mock.Of<ICaseloadReader>(), Settings with { FullNamesFor = [Audience.SocialWorker] });
        var digest = new DigestMessage(1, "d3", "DEMO", new LocalDate(2026, 12, 28), MessageRecipient.Staff("S03"), [Overdue(Audience.SocialWorker)]);

        var (_, text, html) = new EmailTemplates(Settings.TemplatesFolder).Render(EmailKind.Digest.Name(), await named.DigestAsync(digest, "Sam Worker", default));

        Assert.Contains("It shows children's names", text, StringComparison.Ordinal);
        Assert.DoesNotContain("initials only", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Audience.TeamManager, true)]
    [InlineData(Audience.HealthTeam, false)]     // the NHS cannot open the council's case records
    [InlineData(Audience.DentalAdviser, false)]
    public async Task Case_record_links_go_only_to_those_who_can_open_them(Audience audience, bool linked)
    {
        var withLinks = Settings with { CaseRecordUrlTemplate = "https://cases.council.example/children/{childId}" };
        var caseload = new Mock<ICaseloadReader>();
        var escalation = new EscalationMessage(1, "e2", "DEMO", new LocalDate(2026, 12, 29), MessageRecipient.Staff("X1"), [Overdue(audience)]);

        var model = await new EmailContent(caseload.Object, withLinks).EscalationAsync(escalation, "Reader", default);
        var (_, text, html) = new EmailTemplates(Settings.TemplatesFolder).Render(EmailKind.Escalation.Name(), model);

        Assert.Equal(linked, html.Contains("cases.council.example", StringComparison.Ordinal));
        Assert.Equal(linked, text.Contains("cases.council.example", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_escalation_separates_what_is_overdue_from_what_is_only_due_soon()
    {
        var dueSoon = new AlertItem("IHA_COMPLETION|C07|2027-01-05", RuleId.IhaCompletion, "C07", "C07", new LocalDate(2027, 1, 5), null, 0, EscalationLevel.DueSoon, Audience.HealthTeam, null);
        var escalation = new EscalationMessage(1, "e3", "DEMO", new LocalDate(2026, 12, 29), MessageRecipient.Staff("HT1"), [Overdue(Audience.HealthTeam), dueSoon]);

        var (_, text, html) = new EmailTemplates(Settings.TemplatesFolder).Render(EmailKind.Escalation.Name(), await Content().EscalationAsync(escalation, "Health team", default));

        foreach (var part in new[] { text, html })
        {
            var overdue = part.IndexOf("Overdue: these need your attention", StringComparison.Ordinal);
            var soon = part.IndexOf("Due soon: for information", StringComparison.Ordinal);
            Assert.True(overdue >= 0 && soon > overdue, part);
            Assert.True(part.IndexOf("39 days overdue", StringComparison.Ordinal) is var late && late > overdue && late < soon);
            Assert.True(part.IndexOf("due in 7 days", StringComparison.Ordinal) > soon);
        }
    }

    [Theory]
    [InlineData("2026-12-28T22:15:00Z", "Records as at Mon 28 Dec 2026 22:15, the latest import", false)]
    [InlineData("2026-12-21T06:00:00Z", "Records as at Mon 21 Dec 2026 06:00", true)] // eight days before the digest: say so
    [InlineData(null, "The date of the records is not known.", false)]
    public async Task The_digest_says_how_old_its_records_are(string? importedAt, string words, bool stale)
    {
        var digest = new DigestMessage(1, "d4", "DEMO", new LocalDate(2026, 12, 28), MessageRecipient.Staff("S03"), [Overdue(Audience.SocialWorker)]) { AsOf = new LocalDate(2026, 12, 29), RecordsAsAt = importedAt is null ? null : NodaTime.Text.InstantPattern.ExtendedIso.Parse(importedAt).Value };

        var (_, text, _) = new EmailTemplates(Settings.TemplatesFolder).Render(EmailKind.Digest.Name(), await Content().DigestAsync(digest, "Sam Worker", default));

        Assert.Contains(words, text, StringComparison.Ordinal);
        Assert.Equal(stale, text.Contains("Tell your CpAlerts administrator if imports have stopped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_digest_is_one_list_this_week_first_with_new_items_marked()
    {
        var late = Overdue(Audience.SocialWorker); // 39 days overdue: not this week
        var soon = new AlertItem("DENTAL_CHECK|C07|2026-12-31", RuleId.DentalCheck, "C07", "C07", new LocalDate(2026, 12, 31), null, 0, EscalationLevel.DueSoon, Audience.SocialWorker, null) { New = true };
        var digest = new DigestMessage(1, "d5", "DEMO", new LocalDate(2026, 12, 28), MessageRecipient.Staff("S03"), [soon, late]) { AsOf = new LocalDate(2026, 12, 29) };

        var (_, text, html) = new EmailTemplates(Settings.TemplatesFolder).Render(EmailKind.Digest.Name(), await Content().DigestAsync(digest, "Sam Worker", default));

        Assert.Contains("1 new since last week", text, StringComparison.Ordinal);
        var thisWeek = text.IndexOf("This week: still achievable", StringComparison.Ordinal);
        var later = text.IndexOf("Also open, most urgent first", StringComparison.Ordinal);
        Assert.True(thisWeek >= 0 && later > thisWeek, text);
        Assert.True(text.IndexOf("[NEW] C07", StringComparison.Ordinal) is var mark && mark > thisWeek && mark < later, text);
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(html, "class=\"new\""));
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(html, "<table>")); // two lists, not a table per child
    }

    [Theory]
    // recipient, audience, in hand until (message date 2026-12-28) → the item's link words; the team view link
    [InlineData("S03", Audience.SocialWorker, null, "Say this is in hand", true)]
    [InlineData("S03", Audience.SocialWorker, "2026-12-30", "Change or end \"in hand\"", true)]
    [InlineData("S03", Audience.SocialWorker, "2026-12-27", "Say this is in hand", true)]       // lapsed: it can be said again
    [InlineData("fallback", Audience.SocialWorker, null, null, false)]                          // a mailbox cannot sign in
    public async Task In_hand_links_go_only_to_staff_who_can_act_and_say_what_they_do(string recipient, Audience audience, string? until, string? words, bool teamLink)
    {
        var web = Settings with { Web = new WebSettings(SignInMode.Platform, "https://cpalerts.example") };
        var item = Overdue(audience) with { InHand = until is null ? null : new InHandNote(NodaTime.Text.LocalDatePattern.Iso.Parse(until).Value, "S03", "appointment-booked") };
        var to = recipient == "fallback" ? MessageRecipient.FallbackMailbox : MessageRecipient.Staff(recipient);
        var digest = new DigestMessage(1, "d1", "DEMO", new LocalDate(2026, 12, 28), to, [item]) { AsOf = new LocalDate(2026, 12, 28) };
        var (_, text, html) = new EmailTemplates(Settings.TemplatesFolder).Render(EmailKind.Digest.Name(), await Content(web).DigestAsync(digest, "Reader", default));
        foreach (var part in new[] { text, html.Replace("&quot;", "\"", StringComparison.Ordinal) })
        {
            if (words is null)
            {
                Assert.DoesNotContain("/api/acknowledge", part, StringComparison.Ordinal);
            }
            else
            {
                Assert.Contains(words, part, StringComparison.Ordinal);
                Assert.Contains("https://cpalerts.example/api/acknowledge?council=DEMO&", part.Replace("&amp;", "&", StringComparison.Ordinal), StringComparison.Ordinal);
            }

            Assert.Equal(teamLink, part.Contains("https://cpalerts.example/api/team?council=DEMO", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task An_escalation_subject_names_its_timescales_and_no_summary_counts_a_zero()
    {
        var dental = new AlertItem("DENTAL_CHECK|C08|2026-10-01", RuleId.DentalCheck, "C08", "C08", new LocalDate(2026, 10, 1), null, 89, EscalationLevel.Escalated, Audience.TeamManager, null);
        var escalation = new EscalationMessage(1, "e4", "DEMO", new LocalDate(2026, 12, 29), MessageRecipient.Staff("TM1"), [Overdue(Audience.TeamManager), dental]);

        var (subject, text, _) = new EmailTemplates(Settings.TemplatesFolder).Render(EmailKind.Escalation.Name(), await Content().EscalationAsync(escalation, "Manager", default));

        Assert.Equal("Timescales escalation: Review health assessment, Dental check, 2 overdue (Tue 29 Dec 2026)", subject);
        Assert.DoesNotContain("0 due soon", subject + text, StringComparison.Ordinal);
        Assert.Contains("2 items for 2 children: 2 overdue.", text, StringComparison.Ordinal);
    }
}
