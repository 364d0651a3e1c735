using CpAlerts.Adapters.Email;
using CpAlerts.Application.Delivery;
using CpAlerts.Application.Messages;

namespace CpAlerts.Functions.Tests;

/// <summary>Every template rendered with hostile values: encoded in HTML, single-line subjects, nothing lost in text.</summary>
public class EmailTemplatesTests
{
    private static readonly EmailTemplates Templates = new(EmailTemplates.DefaultFolder);

    public static TheoryData<string> Hostile => new()
    {
        "<script>alert('x')</script>",
        "\"><img src=x onerror=alert(1)>",
        "O'Brien & \"Sons\"",
        "Line one\r\nBcc: victim@example.com",
        new string('W', 5000),
        "Zoë Ŝmith 李小龍 محمد Олена",
    };

    private static Dictionary<string, object?> Item(string v) => new()
    {
        ["reference"] = v, ["initials"] = v, ["name"] = v, ["link"] = "https://cases.example/children/" + Uri.EscapeDataString(v),
        ["rule"] = v, ["subject"] = v, ["due"] = v, ["level"] = 2, ["level_words"] = "Escalated", ["lateness"] = v,
        ["what_to_do"] = v, ["worker"] = v, ["why"] = v,
    };

    private static Dictionary<string, object?> Model(string kind, string v) => kind switch
    {
        "digest" => new()
        {
            ["recipient_name"] = v, ["week_of"] = v, ["summary"] = v, ["standing_in"] = true, ["records_as_at"] = v,
            ["this_week"] = new List<IReadOnlyDictionary<string, object?>> { new Dictionary<string, object?>(Item(v)) { ["new"] = true } },
            ["later"] = new List<IReadOnlyDictionary<string, object?>> { Item(v) },
        },
        "same-day" => new() { ["recipient_name"] = v, ["date"] = v, ["summary"] = v, ["items"] = new List<IReadOnlyDictionary<string, object?>> { Item(v) } },
        "escalation" => new()
        {
            ["recipient_name"] = v, ["date"] = v, ["summary"] = v, ["headline"] = v, ["reasons"] = new List<string> { v },
            ["counts"] = new List<IReadOnlyDictionary<string, object?>> { new Dictionary<string, object?> { ["worker"] = v, ["overdue"] = 1, ["due_soon"] = 0 } },
            ["overdue_groups"] = new List<IReadOnlyDictionary<string, object?>> { new Dictionary<string, object?> { ["worker"] = v, ["count"] = v, ["items"] = new List<IReadOnlyDictionary<string, object?>> { Item(v) } } },
        },
        "iha-report" => new()
        {
            ["recipient_name"] = v, ["date"] = v, ["scope"] = v, ["summary"] = v, ["attachment"] = v, ["names_shown"] = false,
            ["trend"] = new List<IReadOnlyDictionary<string, object?>> { new Dictionary<string, object?> { ["date"] = v, ["in_window"] = 1, ["on_time"] = 0, ["late"] = 0, ["not_yet"] = 1 } },
            ["rows"] = new List<IReadOnlyDictionary<string, object?>>
            {
                new Dictionary<string, object?>
                {
                    ["reference"] = v, ["name"] = v, ["entered_care"] = v, ["requested"] = v, ["request_deadline"] = v, ["iha_deadline"] = v, ["worker"] = v,
                    ["legal_status"] = v, ["consent"] = v, ["uasc"] = "Yes", ["marks"] = new List<string> { v }, ["not_requested"] = true,
                },
            },
        },
        "baseline" => new()
        {
            ["recipient_name"] = v, ["date"] = v, ["summary"] = v, ["reasons"] = new List<string> { v }, ["total"] = v, ["attachment"] = v,
            ["counts"] = new List<IReadOnlyDictionary<string, object?>> { new Dictionary<string, object?> { ["worker"] = v, ["rule"] = v, ["overdue"] = 1, ["due_soon"] = 0 } },
            ["top_items"] = new List<IReadOnlyDictionary<string, object?>> { Item(v) },
        },
        "iha-request" => new(Item(v))
        {
            ["recipient_name"] = v, ["date_of_birth"] = v, ["legal_status"] = v, ["placement_area"] = v, ["consent"] = v, ["consent_guidance"] = v,
            ["opening"] = v, ["nhs_number"] = v, ["sex"] = v, ["first_language"] = v, ["interpreter"] = v, ["uasc"] = v, ["postcode_district"] = v,
            ["host_icb"] = v, ["carer"] = v, ["carer_phone"] = v, ["gp_practice"] = v,
            ["social_worker"] = v, ["social_worker_email"] = v, ["entered_care"] = v, ["iha_due"] = v,
        },
        _ => EmailContent.Undeliverable(EmailKind.Digest, v, v, v, v, v, v, [new MissedItem(v, v, v)]),
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Hostile_values_are_encoded_in_every_html_template(string value)
    {
        foreach (var kind in new[] { "digest", "escalation", "same-day", "baseline", "iha-request", "iha-report", "undeliverable" })
        {
            var (subject, text, html) = Templates.Render(kind, Model(kind, value));

            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
            if (value.IndexOfAny(['<', '>', '"', '\'', '&']) >= 0)
            {
                Assert.DoesNotContain(value, html, StringComparison.Ordinal);
                Assert.Contains(System.Text.Encodings.Web.HtmlEncoder.Default.Encode(value), html, StringComparison.Ordinal);
            }

            Assert.DoesNotContain('\r', subject);
            Assert.DoesNotContain('\n', subject);
            Assert.Contains(value.Length > 100 ? value[..100] : value.Split('\r')[0], text, StringComparison.Ordinal); // text keeps the value as written
            if (value.StartsWith("Zo", StringComparison.Ordinal))
            {
                Assert.Contains("李小龍", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Html_is_a_complete_accessible_document()
    {
        var (_, _, html) = Templates.Render("digest", Model("digest", "C1"));
        Assert.Contains("<html lang=\"en-GB\">", html, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"viewport\"", html, StringComparison.Ordinal);
        Assert.Contains("<caption>", html, StringComparison.Ordinal);
        Assert.Contains("scope=\"col\"", html, StringComparison.Ordinal);
        Assert.Contains("Escalated", html, StringComparison.Ordinal); // the level in words, not only colour
    }

    [Fact]
    public void A_missing_template_names_the_file_and_the_setting()
    {
        var error = Assert.Throws<FileNotFoundException>(() => new EmailTemplates(Path.GetTempPath()).Render("digest", Model("digest", "x")));
        Assert.Contains("digest.subject.liquid", error.Message, StringComparison.Ordinal);
        Assert.Contains("CpAlerts__Email__TemplatesFolder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Templates_are_read_once_and_one_parsed_template_serves_concurrent_renders_each_with_its_own_values()
    {
        var folder = Directory.CreateTempSubdirectory("cpalerts-templates-").FullName;
        foreach (var part in new[] { "subject", "txt", "html" })
        {
            // An assign writes to the render's own scope: shared between renders it would leak one email's value into another.
            await File.WriteAllTextAsync(Path.Combine(folder, $"probe.{part}.liquid"), "{% assign who = name %}{{ who }}");
        }

        var templates = new EmailTemplates(folder);
        Assert.Equal("first", templates.Render("probe", new Dictionary<string, object?> { ["name"] = "first" }).Text);
        Directory.Delete(folder, recursive: true); // read once: the files are no longer needed

        var renders = await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(() =>
            (Expected: $"reader-{i}", Got: templates.Render("probe", new Dictionary<string, object?> { ["name"] = $"reader-{i}" })))));

        Assert.All(renders, r => Assert.Equal((r.Expected, r.Expected, r.Expected), r.Got));
    }

    [Theory]
    [InlineData("a\r\nb", "a b")]
    [InlineData("  tab\there  ", "tab here")]
    public void Subjects_are_one_line(string input, string expected) => Assert.Equal(expected, EmailTemplates.SingleLine(input));
}
