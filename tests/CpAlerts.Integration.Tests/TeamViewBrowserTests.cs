using CpAlerts.Adapters.Email;
using CpAlerts.Adapters.Storage;
using CpAlerts.Application.Configuration;
using CpAlerts.Application.Delivery;
using CpAlerts.Application.Import;
using CpAlerts.Application.Sweep;
using CpAlerts.Application.Wording;
using CpAlerts.Domain.Calendar;
using CpAlerts.Domain.Records;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.Configuration;
using Microsoft.Playwright;
using NodaTime;

namespace CpAlerts.Integration.Tests;

/// <summary>
/// The team view as people use it, in Chromium against the real handler and Azurite: signing in as a worker and a
/// manager, filtering, saying an item is in hand and seeing the digest mark it, refusals, a phone's width, the keyboard.
/// </summary>
[Trait("Category", "Browser")]
public sealed class TeamViewBrowserTests : IAsyncLifetime
{
    private static readonly StaffMember[] Staff =
    [
        new("SW1", "Sam Worker", "sam.worker@council.example", StaffRole.SocialWorker, "TM1", "A"),
        new("SW2", "Kit Worker", "kit.worker@council.example", StaffRole.SocialWorker, "TM2", "B"),
        new("TM1", "Alex Manager", "alex.manager@council.example", StaffRole.TeamManager, "HOS1", "A"),
        new("TM2", "Jo Manager", "jo.manager@council.example", StaffRole.TeamManager, "HOS1", "B"),
        new("HOS1", "Pat Head", "pat.head@council.example", StaffRole.HeadOfService, null, null),
        new("IRO1", "Lee Reviewer", "lee.reviewer@council.example", StaffRole.Iro, null, null),
    ];

    private readonly string _council = Azurite.NewCouncil();
    private HandlerProcess? _handler;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    private string Base => $"http://127.0.0.1:{_handler!.Port}";

    private static LocalDate Today => LondonTime.DateOf(SystemClock.Instance.GetCurrentInstant());

    public async Task InitializeAsync()
    {
        // Two children, one per team, each in care for 40 days with the IHA requested and not done: overdue.
        Child Child(string id, string worker) => new(id, "Test", "Child", new LocalDate(2015, 1, 1), LegalStatus.CareOrder, false, "North", ConsentStatus.Given, Today.PlusDays(-40), null, worker);
        var storage = await Azurite.StorageAsync();
        await new CaseloadStore(storage).ImportAsync(_council, new RecordExport([Child("C1", "SW1"), Child("C2", "SW2")], [.. Staff],
            [new HealthAssessment("C1", AssessmentType.Iha, Today.PlusDays(-39), null), new HealthAssessment("C2", AssessmentType.Iha, Today.PlusDays(-39), null)], [], [], [], []), deleteMissing: true);
        await TeamViewSite.SweepThisMorningAsync(storage, _council);
        _handler = await HandlerProcess.StartAsync(new Dictionary<string, string> { [TeamViewSite.DevelopmentSignIn.Key] = TeamViewSite.DevelopmentSignIn.Value });
        _playwright = await Playwright.CreateAsync();
        _browser = await TeamViewSite.LaunchChromiumAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_handler is not null) await _handler.DisposeAsync();
    }

    private Task<IPage> SignInAsync(string email, int width = 1280) => TeamViewSite.SignInAsync(_browser!, Base, email, width);

    private async Task<IResponse> OpenTeamAsync(IPage page, string query = "") => (await page.GotoAsync($"{Base}/api/team?council={_council}{query}"))!;

    [Fact]
    public async Task A_worker_filters_says_an_item_is_in_hand_and_the_digest_marks_it()
    {
        var page = await SignInAsync("sam.worker@council.example");
        Assert.Equal(200, (await OpenTeamAsync(page)).Status);
        Assert.Contains("Open items for your children", await page.InnerTextAsync("h1"));
        var text = await page.InnerTextAsync("div.items");
        Assert.Contains("C1", text);
        Assert.DoesNotContain("C2", text); // another worker's child

        await page.SelectOptionAsync("#rule", "IHA_COMPLETION");
        await page.ClickAsync("button:has-text('Show')");
        Assert.Contains("rule=IHA_COMPLETION", page.Url);
        Assert.Equal(1, await page.Locator("div.items li").CountAsync());
        // What to do, always; no case-record link where no case-record URL template is configured (TeamViewControlsBrowserTests has one).
        Assert.Contains("What to do:", await page.InnerTextAsync("div.items"));
        Assert.Equal(0, await page.Locator("a:has-text('Open the case record')").CountAsync());

        await page.ClickAsync("a:has-text('Say this is in hand')");
        await page.CheckAsync("#reason-appointment-booked");
        var until = Today.PlusDays(7);
        await page.FillAsync("#until", until.ToString("yyyy-MM-dd", null));
        await page.ClickAsync("button:has-text('Save')");
        Assert.Contains("Saved: in hand", await page.InnerTextAsync("[role=status]"));

        await OpenTeamAsync(page, "&rule=IHA_COMPLETION");
        Assert.Contains($"In hand until {PeopleDates.Format(until)}, by Sam Worker: appointment booked.", await page.InnerTextAsync("main"));

        // Opened again, the form shows it as it stands; saying it again cannot hold it past the first day's limit.
        await page.ClickAsync("a:has-text('Change')");
        Assert.Contains("Change or end", await page.InnerTextAsync("h1"));
        Assert.Equal(until.ToString("yyyy-MM-dd", null), await page.InputValueAsync("#until"));
        Assert.True(await page.IsCheckedAsync("#reason-appointment-booked"));
        var renew = page.Context.APIRequest.CreateFormData();
        foreach (var field in new[] { "council", "child", "finding", "token" })
        {
            renew.Set(field, (await page.Locator($"form[action='/api/acknowledge'] input[name={field}]").GetAttributeAsync("value"))!);
        }

        renew.Set("reason", "appointment-booked");
        renew.Set("until", Today.PlusDays(11).ToString("yyyy-MM-dd", null)); // 10 days (the IHA's threshold) from today, the first day, is the latest
        var refused = await page.Context.APIRequest.PostAsync($"{Base}/api/acknowledge", new() { Form = renew });
        Assert.Equal(400, refused.Status);
        Assert.Contains("from when it was first said to be", await refused.TextAsync(), StringComparison.Ordinal);

        // The weekly digest lists it, marked in hand, as the worker reads it.
        var storage = await Azurite.StorageAsync();
        var caseload = new CaseloadStore(storage);
        var sweep = new CouncilSweep(caseload, new FindingStateStore(storage), SweepSettings.Default(HandlerProcess.Fallback), new AcknowledgementStore(storage));
        var digest = Assert.Single(await sweep.RunDigestAsync(_council, SystemClock.Instance.GetCurrentInstant()), d => d.Recipient.StaffId == "SW1");
        var settings = DeliverySettings.Read(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["CpAlerts:Email:FromAddress"] = "cpalerts@council.example" }).Build(), HandlerProcess.Fallback);
        var (_, _, html) = new EmailTemplates(DeliverySettings.DefaultTemplatesFolder).Render("digest", await new EmailContent(caseload, settings).DigestAsync(digest, "Sam Worker", default));
        await page.SetContentAsync(html);
        Assert.Contains($"In hand until {PeopleDates.Format(until)}, by Sam Worker: appointment booked.", await page.InnerTextAsync("main"));

        // Un-acknowledge is one click.
        await OpenTeamAsync(page, "&rule=IHA_COMPLETION");
        await page.ClickAsync("button:has-text('No longer in hand')");
        Assert.Contains("No longer in hand", await page.InnerTextAsync("[role=status]"));
    }

    [Fact]
    public async Task A_manager_sees_their_team_filters_by_worker_and_the_head_of_service_sees_every_team()
    {
        var manager = await SignInAsync("alex.manager@council.example");
        await OpenTeamAsync(manager);
        Assert.Contains("Open items for your team", await manager.InnerTextAsync("h1"));
        Assert.DoesNotContain("C2", await manager.InnerTextAsync("div.items"));
        await manager.SelectOptionAsync("#worker", "SW1");
        await manager.ClickAsync("button:has-text('Show')");
        Assert.NotEmpty(await manager.Locator("div.items li").AllInnerTextsAsync());
        Assert.All(await manager.Locator("div.items li").AllInnerTextsAsync(), item => Assert.Contains("Sam Worker", item));

        var head = await SignInAsync("pat.head@council.example");
        await OpenTeamAsync(head);
        var all = await head.InnerTextAsync("div.items");
        Assert.Contains("C1", all);
        Assert.Contains("C2", all);
    }

    [Fact]
    public async Task Another_workers_child_a_forged_form_and_a_cross_team_acknowledgement_are_refused()
    {
        var head = await SignInAsync("pat.head@council.example");
        await OpenTeamAsync(head, "&rule=IHA_COMPLETION");
        var c2Link = await head.Locator("a[href*='child=C2']").First.GetAttributeAsync("href");
        var c2Key = System.Web.HttpUtility.ParseQueryString(new Uri(new Uri(Base), c2Link).Query)["finding"]!;

        var worker = await SignInAsync("sam.worker@council.example");
        Assert.Equal(403, (await worker.GotoAsync($"{Base}{c2Link}"))!.Status);
        Assert.Contains("This child is not one of yours", await worker.InnerTextAsync("h1"));

        // The manager of team A, with a genuine token of their own, cannot say team B's item is in hand.
        var manager = await SignInAsync("alex.manager@council.example");
        await OpenTeamAsync(manager, "&rule=IHA_COMPLETION");
        await manager.ClickAsync("a:has-text('Say this is in hand')");
        var token = await manager.Locator("input[name=token]").First.GetAttributeAsync("value");
        var form = manager.Context.APIRequest.CreateFormData();
        foreach (var (k, v) in new[] { ("council", _council), ("child", "C2"), ("finding", c2Key), ("reason", "appointment-booked"), ("until", Today.PlusDays(2).ToString("yyyy-MM-dd", null)), ("token", token!) })
        {
            form.Set(k, v);
        }

        Assert.Equal(403, (await manager.Context.APIRequest.PostAsync($"{Base}/api/acknowledge", new() { Form = form })).Status);

        // A form without the signed-in person's token (what another site would post) is refused.
        form.Set("child", "C1");
        form.Set("finding", (await manager.Locator("input[name=finding]").First.GetAttributeAsync("value"))!); // C1's, the manager's team
        form.Set("token", "forged");
        Assert.Equal(400, (await manager.Context.APIRequest.PostAsync($"{Base}/api/acknowledge", new() { Form = form })).Status);
        // ... and so is the worker's genuine token used by the manager's session (the same child is theirs to act on both).
        await worker.GotoAsync($"{Base}/api/team?council={_council}&rule=IHA_COMPLETION");
        await worker.ClickAsync("a:has-text('Say this is in hand')");
        var workersToken = await worker.Locator("input[name=token]").First.GetAttributeAsync("value");
        Assert.False(string.IsNullOrEmpty(workersToken));
        form.Set("token", workersToken!);
        Assert.Equal(400, (await manager.Context.APIRequest.PostAsync($"{Base}/api/acknowledge", new() { Form = form })).Status);
        form.Set("token", token!); // while the manager's own token for the same form is accepted
        Assert.Equal(200, (await manager.Context.APIRequest.PostAsync($"{Base}/api/acknowledge", new() { Form = form })).Status);

        // A POST without a form (the host forwards no body when there is no Content-Length) is refused, not a server error.
        foreach (var path in new[] { "/api/acknowledge", "/api/acknowledge/withdraw" })
        {
            Assert.Equal(400, (await manager.Context.APIRequest.PostAsync($"{Base}{path}?council={_council}")).Status);
        }

        // A specialist and an unknown address get no team view.
        var iro = await SignInAsync("lee.reviewer@council.example");
        Assert.Equal(403, (await OpenTeamAsync(iro)).Status);
        var stranger = await SignInAsync("someone@elsewhere.example");
        Assert.Equal(403, (await OpenTeamAsync(stranger)).Status);
    }

    [Fact]
    public async Task On_a_phone_nothing_overflows_and_axe_finds_no_wcag_aa_problem()
    {
        foreach (var width in new[] { 400, 1280 })
        {
            var page = await SignInAsync("alex.manager@council.example", width);
            foreach (var url in new[] { $"/api/team?council={_council}", null })
            {
                if (url is null)
                {
                    await page.ClickAsync("a:has-text('Say this is in hand')");
                }
                else
                {
                    await page.GotoAsync(Base + url);
                }

                Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= width, $"{page.Url} is wider than {width} px");
                var axe = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } });
                Assert.True(axe.Violations.Length == 0, string.Join("; ", axe.Violations.Select(v => $"{v.Id}: {v.Help}")));
            }
        }
    }

    /// <summary>
    /// Issue 30: on a phone the team view's tables are stacked, one cell a line, the header row kept for screen readers
    /// only, so every data cell shows its column's heading itself (no bare counts); on a desktop the header row shows and
    /// the cells' own labels do not. The team view as each role sees it, and the in-hand form.
    /// </summary>
    [Fact]
    public async Task On_a_phone_every_table_cell_shows_its_column_heading()
    {
        foreach (var width in new[] { 400, 1280 })
        {
            foreach (var email in new[] { "alex.manager@council.example", "pat.head@council.example", "sam.worker@council.example" })
            {
                var page = await SignInAsync(email, width);
                await OpenTeamAsync(page);
                var team = await LabelsAsync(page, width);
                if (email != "sam.worker@council.example")
                {
                    Assert.True(team.Tables > 0 && team.Cells > 0, $"{email}: the team view's table by social worker was not checked");
                }

                await page.ClickAsync("a:has-text('Say this is in hand')");
                await LabelsAsync(page, width);
            }
        }
    }

    private static async Task<StackedTableLabels.Report> LabelsAsync(IPage page, int width)
    {
        var report = StackedTableLabels.Parse(await page.EvaluateAsync<string>($"JSON.stringify(({StackedTableLabels.Script})(document, {(width < 600 ? "true" : "false")}))"));
        Assert.True(report.Problems.Length == 0, $"{page.Url} at {width} px: {string.Join("; ", report.Problems)}");
        return report;
    }

    /// <summary>
    /// The order a date field takes its parts in when typed: Chromium follows the machine's locale, not the page's or the
    /// browser context's (--lang and the context locale did not change it here), so it is found by typing into a spare field.
    /// </summary>
    private async Task<string> DateFieldOrderAsync()
    {
        var probe = await (await _browser!.NewContextAsync()).NewPageAsync();
        await probe.SetContentAsync("<input type=date id=probe>");
        await probe.FocusAsync("#probe");
        await probe.Keyboard.TypeAsync("01022030");
        return await probe.InputValueAsync("#probe") == "2030-01-02" ? "MMddyyyy" : "ddMMyyyy";
    }

    [Fact]
    public async Task Keyboard_only_a_worker_reaches_the_form_and_saves_with_a_visible_focus()
    {
        var page = await SignInAsync("sam.worker@council.example");
        await OpenTeamAsync(page, "&rule=IHA_COMPLETION");
        async Task<string> TabTo(string text)
        {
            for (var i = 0; i < 40; i++)
            {
                await page.Keyboard.PressAsync("Tab");
                var focused = await page.EvaluateAsync<string>("document.activeElement.textContent + '|' + (document.activeElement.value || '') + '|#' + document.activeElement.id");
                if (focused.Contains(text, StringComparison.Ordinal))
                {
                    // A visible focus indicator (WCAG 2.4.7): an outline is drawn.
                    Assert.NotEqual("none", await page.EvaluateAsync<string>("getComputedStyle(document.activeElement).outlineStyle"));
                    return focused;
                }
            }

            throw new Xunit.Sdk.XunitException($"'{text}' cannot be reached with the Tab key");
        }

        Assert.StartsWith("Skip to main content||#", await TabTo("Skip to main content"), StringComparison.Ordinal);
        await TabTo("Say this is in hand");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/api/acknowledge?**");
        await TabTo("|appointment-booked"); // the first reason's radio button (its value)
        await page.Keyboard.PressAsync("Space");
        // No date is filled in for them: they type the day it will be done.
        await TabTo("|#until");
        Assert.Equal("", await page.InputValueAsync("#until"));
        await page.Keyboard.TypeAsync(Today.PlusDays(3).ToString(await DateFieldOrderAsync(), null));
        Assert.Equal(Today.PlusDays(3).ToString("yyyy-MM-dd", null), await page.InputValueAsync("#until"));
        await TabTo("Save");
        await page.Keyboard.PressAsync("Enter");
        Assert.Contains("Saved: in hand", await page.InnerTextAsync("[role=status]"));
    }
}
