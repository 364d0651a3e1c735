using System.Text.RegularExpressions;
using CpAlerts.Adapters.Storage;
using CpAlerts.Application.Configuration;
using CpAlerts.Application.Import;
using CpAlerts.Application.Sweep;
using CpAlerts.Application.Wording;
using CpAlerts.Domain.Calendar;
using CpAlerts.Domain.Records;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using NodaTime;

namespace CpAlerts.Integration.Tests;

/// <summary>
/// Issue 31's controls of the team view, in Chromium against the real handler and Azurite, at a phone's width (400 px)
/// and a desktop's (1280 px): the in-hand form's required date and its history, reasons that fit the timescale, a head
/// of service's counts by team, team filter and pages, a manager's counts by social worker, what to do and the case
/// record link, sign-out and the app's address. Each page and state is checked with axe (WCAG 2.1 AA), for horizontal
/// overflow, and for table cells that show their column's heading on a phone.
/// </summary>
[Trait("Category", "Browser")]
public sealed partial class TeamViewControlsBrowserTests : IAsyncLifetime
{
    private const string CaseRecords = "https://cases.council.example/children/{childId}";

    private static readonly int[] Widths = [400, 1280];

    private static readonly string[] ManagersWorkers = ["Sam Worker", "Kit Worker"], KitsChildren = ["C21", "C22", "C23", "C24", "C25", "C26", "D1"];

    private readonly string _council = Azurite.NewCouncil();
    private HandlerProcess? _handler;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    private string Base => $"http://127.0.0.1:{_handler!.Port}";

    private static LocalDate Today => LondonTime.DateOf(SystemClock.Instance.GetCurrentInstant());

    /// <summary>This council's staff, with addresses no other test's council has, so "/" (no council named) opens this one.</summary>
    private string Email(string who) => $"{who}.{_council.ToLowerInvariant()}@council.example";

    // Team A: Sam Worker (C01–C20) and Kit Worker (C21–C26 and D1), managed by Alex Manager; team B: Ash Worker (C27–C30),
    // managed by Jo Manager; Pat Head over both.
    private const int TeamBChildren = 4;

    public async Task InitializeAsync()
    {
        StaffMember Staff(string id, string name, StaffRole role, string? manager, string? team) =>
            new(id, name, Email(name.Split(' ')[0].ToLowerInvariant()), role, manager, team);
        StaffMember[] staff =
        [
            Staff("SW1", "Sam Worker", StaffRole.SocialWorker, "TM1", "A"),
            Staff("SW2", "Kit Worker", StaffRole.SocialWorker, "TM1", "A"),
            Staff("SW3", "Ash Worker", StaffRole.SocialWorker, "TM2", "B"),
            Staff("TM1", "Alex Manager", StaffRole.TeamManager, "HOS1", "A"),
            Staff("TM2", "Jo Manager", StaffRole.TeamManager, "HOS1", "B"),
            Staff("HOS1", "Pat Head", StaffRole.HeadOfService, null, null),
        ];

        // 30 children in care for 40 days with the IHA requested and not done (one overdue item each), and D1, in care
        // for 13 months with nothing recorded: its dental check and its plan for permanence are overdue too.
        Child Child(string id, string worker, LocalDate entered) => new(id, "Test", "Child", new LocalDate(2015, 1, 1), LegalStatus.CareOrder, false, "North", ConsentStatus.Given, entered, null, worker);
        var ids = Enumerable.Range(1, 30).Select(n => $"C{n:00}").ToList();
        string WorkerOf(int n) => n <= 20 ? "SW1" : n <= 26 ? "SW2" : "SW3";
        var children = ids.Select((id, i) => Child(id, WorkerOf(i + 1), Today.PlusDays(-40))).Append(Child("D1", "SW2", Today.PlusMonths(-13))).ToList();
        var assessments = ids.Select(id => new HealthAssessment(id, AssessmentType.Iha, Today.PlusDays(-39), null)).ToList();

        var storage = await Azurite.StorageAsync();
        await new CaseloadStore(storage).ImportAsync(_council, new RecordExport([.. children], [.. staff], [.. assessments], [], [], [], []), deleteMissing: true);
        await TeamViewSite.SweepThisMorningAsync(storage, _council);
        _handler = await HandlerProcess.StartAsync(new Dictionary<string, string>
        {
            [TeamViewSite.DevelopmentSignIn.Key] = TeamViewSite.DevelopmentSignIn.Value,
            [DeliverySettings.CaseRecordUrlTemplateSetting.Replace(":", "__", StringComparison.Ordinal)] = CaseRecords,
        });
        _playwright = await Playwright.CreateAsync();
        _browser = await TeamViewSite.LaunchChromiumAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_handler is not null) await _handler.DisposeAsync();
    }

    private Task<IPage> SignInAsync(string who, int width) => TeamViewSite.SignInAsync(_browser!, Base, Email(who), width);

    private async Task<IResponse> OpenTeamAsync(IPage page, string query = "") => (await page.GotoAsync($"{Base}/api/team?council={_council}{query}"))!;

    /// <summary>The page as it stands, checked: nothing wider than the screen, no WCAG 2.1 AA problem axe finds, every table cell labelled on a phone.</summary>
    private static async Task<StackedTableLabels.Report> CheckAsync(IPage page, int width, string state)
    {
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= width, $"{state}: {page.Url} is wider than {width} px");
        var axe = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } });
        Assert.True(axe.Violations.Length == 0, $"{state} at {width} px: " + string.Join("; ", axe.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})")));
        var report = StackedTableLabels.Parse(await page.EvaluateAsync<string>($"JSON.stringify(({StackedTableLabels.Script})(document, {(width < 600 ? "true" : "false")}))"));
        Assert.True(report.Problems.Length == 0, $"{state}: {page.Url} at {width} px: {string.Join("; ", report.Problems)}");
        return report;
    }

    /// <summary>The hidden fields of the page's in-hand form, as a posted form would carry them.</summary>
    private static async Task<IFormData> FormOfAsync(IPage page)
    {
        var form = page.Context.APIRequest.CreateFormData();
        foreach (var field in new[] { "council", "child", "finding", "token" })
        {
            form.Set(field, (await page.Locator($"form[action='/api/acknowledge'] input[name={field}]").GetAttributeAsync("value"))!);
        }

        return form;
    }

    private static string Iso(LocalDate date) => date.ToString("yyyy-MM-dd", null);

    /// <summary>The child an item of the list is about, from its "Say this is in hand" (or "Change") link.</summary>
    private static async Task<string> ChildOfAsync(ILocator item)
    {
        var href = await item.Locator("a[href*='/api/acknowledge?']").First.GetAttributeAsync("href");
        return System.Web.HttpUtility.ParseQueryString(new Uri(new Uri("http://x"), href).Query)["child"]!;
    }

    /// <summary>Tabs from where the focus is to the control whose text contains <paramref name="text"/>, checking it shows a focus outline.</summary>
    private static async Task TabToAsync(IPage page, string text, int limit = 200)
    {
        for (var i = 0; i < limit; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if ((await page.EvaluateAsync<string>("document.activeElement.textContent")).Contains(text, StringComparison.Ordinal))
            {
                Assert.NotEqual("none", await page.EvaluateAsync<string>("getComputedStyle(document.activeElement).outlineStyle"));
                return;
            }
        }

        throw new Xunit.Sdk.XunitException($"'{text}' cannot be reached with the Tab key");
    }

    [GeneratedRegex(@"^(?<when>\w{3} \d{1,2} \w{3} \d{4} \d{2}:\d{2}): (?<what>.+)$")]
    private static partial Regex HistoryLine();

    /// <summary>
    /// The in-hand form has no date filled in: Save without one is answered with the app's own message, at the top linked
    /// to the field and beside it (400 for a post without one). Said in hand, changed, then ended by the team manager, the
    /// item's history lists each change with who, when and why, and "no longer in hand".
    /// </summary>
    [Fact]
    public async Task The_in_hand_form_needs_a_deliberate_date_and_shows_who_said_what_and_when()
    {
        foreach (var (width, child) in new[] { (400, "C01"), (1280, "C02") })
        {
            var worker = await SignInAsync("sam", width);
            await OpenTeamAsync(worker, "&rule=IHA_COMPLETION");
            await worker.ClickAsync($"li:has(a[href*='child={child}&']) a:has-text('Say this is in hand')");
            await worker.Locator("form[action='/api/acknowledge'] fieldset").WaitForAsync();
            var formUrl = worker.Url;
            Assert.Equal("Say this is in hand", await worker.InnerTextAsync("h1"));
            Assert.Contains("Nobody has said this item is in hand.", await worker.InnerTextAsync("main"));

            // No date by default. Save with a reason and no date: nothing is saved, and the app says why in its own words
            // (the form has novalidate, so the browser's bubble, in its own words and date order, does not come first),
            // at the top linked to the date and again beside it; the reason stays as chosen.
            Assert.Equal("", await worker.InputValueAsync("#until"));
            Assert.NotNull(await worker.GetAttributeAsync("#until", "required")); // still announced as required
            Assert.NotNull(await worker.GetAttributeAsync("form[action='/api/acknowledge']", "novalidate"));
            Assert.Equal(0, await worker.Locator(".field-error").CountAsync());
            await worker.CheckAsync("#reason-appointment-booked");
            await worker.ClickAsync("button:has-text('Save')");
            await worker.Locator("[role=alert]").WaitForAsync();
            Assert.Equal(0, await worker.Locator("[role=status]").CountAsync());
            Assert.StartsWith("Error: ", await worker.TitleAsync(), StringComparison.Ordinal);
            Assert.Contains("Enter the date it is in hand until", await worker.InnerTextAsync("[role=alert] a[href='#until']"));
            Assert.Contains("Enter the date it is in hand until", await worker.InnerTextAsync("#until-error"));
            Assert.Contains("until-error", await worker.GetAttributeAsync("#until", "aria-describedby"));
            Assert.Equal("true", await worker.GetAttributeAsync("#until", "aria-invalid"));
            Assert.True(await worker.IsCheckedAsync("#reason-appointment-booked"));
            Assert.Contains("the day of the booked health assessment", await worker.InnerTextAsync("#until-hint")); // an IHA's example, not a dental appointment's
            await CheckAsync(worker, width, "the in-hand form refusing a missing date");

            // Posted without a date anyway (the browser's check is not the guard): 400, the problem linked to the date.
            var posted = await FormOfAsync(worker);
            posted.Set("reason", "appointment-booked");
            posted.Set("until", "");
            var refused = await worker.Context.APIRequest.PostAsync($"{Base}/api/acknowledge", new() { Form = posted });
            Assert.Equal(400, refused.Status);
            var refusal = await refused.TextAsync();
            Assert.Contains("<a href=\"#until\">Enter the date it is in hand until", refusal, StringComparison.Ordinal);


            // Said in hand, then changed: another reason, another date.
            var first = Today.PlusDays(3);
            var second = Today.PlusDays(5);
            await worker.GotoAsync(formUrl);
            await worker.CheckAsync("#reason-appointment-booked");
            await worker.FillAsync("#until", Iso(first));
            await worker.ClickAsync("button:has-text('Save')");
            Assert.Contains("Saved: in hand", await worker.InnerTextAsync("[role=status]"));
            await worker.GotoAsync(formUrl);
            Assert.Contains("Change or end", await worker.InnerTextAsync("h1"));
            await worker.CheckAsync("#reason-consent-awaited");
            await worker.FillAsync("#until", Iso(second));
            await worker.ClickAsync("button:has-text('Save')");
            Assert.Contains("Saved: in hand", await worker.InnerTextAsync("[role=status]"));

            // The team manager ends it from the item's page.
            var manager = await SignInAsync("alex", width);
            await manager.GotoAsync(formUrl);
            Assert.Contains("Sam Worker said it is in hand until", await manager.InnerTextAsync("ol.history"));
            await manager.ClickAsync("main > form button:has-text('No longer in hand')");
            Assert.Contains("No longer in hand", await manager.InnerTextAsync("[role=status]"));

            // The history, oldest first: who, when (to the minute, London time), what and why.
            await worker.GotoAsync(formUrl);
            Assert.Equal("Say this is in hand", await worker.InnerTextAsync("h1")); // no longer in hand: it can be said again
            var lines = await worker.Locator("ol.history > li").AllInnerTextsAsync();
            Assert.Equal(3, lines.Count);
            var now = LondonTime.LocalDateTimeOf(SystemClock.Instance.GetCurrentInstant());
            var what = lines.Select(line =>
            {
                var match = HistoryLine().Match(line.Trim());
                Assert.True(match.Success, $"'{line}' does not start with a date and time");
                var when = PeopleDates.DateTimePattern.Parse(match.Groups["when"].Value).Value;
                Assert.InRange(Period.Between(when, now, PeriodUnits.Minutes).Minutes, 0L, 10L);
                return match.Groups["what"].Value;
            }).ToList();
            Assert.Equal($"Sam Worker said it is in hand until {PeopleDates.Format(first)} (appointment booked).", what[0]);
            Assert.Equal($"Sam Worker said it is in hand until {PeopleDates.Format(second)} (consent awaited).", what[1]);
            Assert.Equal("Alex Manager said it is no longer in hand.", what[2]);
            await CheckAsync(worker, width, "the in-hand form with its history");
        }
    }

    /// <summary>The reasons offered fit the timescale, and a reason that does not fit is refused when posted.</summary>
    [Fact]
    public async Task The_reasons_offered_fit_the_timescale_and_another_is_refused()
    {
        foreach (var width in Widths)
        {
            var worker = await SignInAsync("kit", width);
            async Task<IReadOnlyList<string>> ReasonsAsync(string rule)
            {
                await OpenTeamAsync(worker, $"&rule={rule}");
                Assert.Equal(1, await worker.Locator("div.items li").CountAsync());
                await worker.ClickAsync("a:has-text('Say this is in hand')");
                await worker.Locator("form[action='/api/acknowledge'] fieldset").WaitForAsync();
                return await worker.Locator("fieldset .choice label").AllInnerTextsAsync();
            }

            var dental = await ReasonsAsync("DENTAL_CHECK");
            Assert.Contains("Appointment booked", dental);
            Assert.DoesNotContain("Court proceedings under way", dental);
            Assert.DoesNotContain("Review booked", dental);
            var notDental = await FormOfAsync(worker);
            notDental.Set("reason", "court-proceedings-under-way");
            notDental.Set("until", Iso(Today.PlusDays(2)));
            var refused = await worker.Context.APIRequest.PostAsync($"{Base}/api/acknowledge", new() { Form = notDental });
            Assert.Equal(400, refused.Status);
            Assert.Contains("<a href=\"#reason-appointment-booked\">Choose why it is in hand.</a>", await refused.TextAsync(), StringComparison.Ordinal);

            var permanence = await ReasonsAsync("PERMANENCE_REVIEW");
            Assert.Contains("Review booked", permanence);
            Assert.Contains("Court proceedings under way", permanence);
            Assert.DoesNotContain("Appointment booked", permanence);
            await CheckAsync(worker, width, "the in-hand form of a plan for permanence");

            // The form's own fields with a reason that is not offered: refused, the problem linked to the first reason offered.
            await worker.EvalOnSelectorAsync("#reason-review-booked", "e => e.value = 'appointment-booked'");
            await worker.CheckAsync("#reason-review-booked");
            await worker.FillAsync("#until", Iso(Today.PlusDays(2)));
            await worker.ClickAsync("button:has-text('Save')");
            await worker.Locator("[role=alert]").WaitForAsync();
            Assert.Contains("Choose why it is in hand.", await worker.InnerTextAsync("[role=alert] a[href='#reason-review-booked']"));
            Assert.Equal(0, await worker.Locator("[role=status]").CountAsync());
            await CheckAsync(worker, width, "the in-hand form refusing a reason");
        }

        // Nothing was said to be in hand by any of it.
        var head = await SignInAsync("pat", 1280);
        await OpenTeamAsync(head, "&worker=SW2");
        Assert.DoesNotContain("In hand until", await head.InnerTextAsync("div.items"));
    }

    /// <summary>
    /// A head of service sees each team with its manager and counts first, a team's link opens its items, the team
    /// filter narrows to one team, and the items come 25 to a page, the next page reachable by keyboard.
    /// </summary>
    [Fact]
    public async Task A_head_of_service_sees_counts_by_team_filters_by_team_and_pages_through_the_items()
    {
        foreach (var width in Widths)
        {
            var head = await SignInAsync("pat", width);
            Assert.Equal(200, (await OpenTeamAsync(head)).Status);
            Assert.Equal("Open items for every team", await head.InnerTextAsync("h1"));
            var total = int.Parse(Regex.Match(await head.InnerTextAsync("h2#counts"), @"^(\d+) items for 31 children$").Groups[1].Value, null);
            Assert.True(total > 31, $"{total} items"); // one per child, and D1's others

            // By team: team A first (the most overdue), each with its manager and counts.
            var table = head.Locator("table:has(caption:has-text('By team'))");
            var rows = table.Locator("tbody > tr");
            Assert.Equal(2, await rows.CountAsync());
            async Task<(string Team, string Manager, int[] Counts, string Href)> RowAsync(int r)
            {
                var cells = rows.Nth(r).Locator("td");
                var counts = new int[4]; // escalated, overdue, due soon, in hand
                for (var c = 0; c < 4; c++)
                {
                    counts[c] = int.Parse(Regex.Match(await cells.Nth(2 + c).InnerTextAsync(), @"\d+").Value, null);
                }

                return (await cells.Nth(0).Locator("a").InnerTextAsync(), await cells.Nth(1).InnerTextAsync(), counts, (await cells.Nth(0).Locator("a").GetAttributeAsync("href"))!);
            }

            var a = await RowAsync(0);
            var b = await RowAsync(1);
            Assert.Equal("A", a.Team);
            Assert.Contains("Alex Manager", a.Manager);
            Assert.Equal(total - TeamBChildren, a.Counts[0] + a.Counts[1] + a.Counts[2]);
            Assert.Equal(0, a.Counts[3]);
            Assert.Equal("B", b.Team);
            Assert.Contains("Jo Manager", b.Manager);
            Assert.Equal(TeamBChildren, b.Counts[0] + b.Counts[1]);
            Assert.Equal((0, 0), (b.Counts[2], b.Counts[3])); // none due soon, none in hand
            var labels = await CheckAsync(head, width, "a head of service's team view");
            Assert.True(labels.Tables > 0 && labels.Cells > 0, "the by-team table was not checked");

            // A team's link: its items only, counted as the row said.
            await head.ClickAsync("table a:text-is('B')");
            Assert.Contains("team=B", head.Url);
            Assert.Equal("Open items for team B", await head.InnerTextAsync("h1")); // the heading says whose items these are
            Assert.Equal($"{TeamBChildren} items for {TeamBChildren} children", await head.InnerTextAsync("h2#counts"));
            // Its social workers only: a worker of another team could only show "Nothing open matches".
            Assert.Equal(["All", "Ash Worker"], await head.Locator("#worker option").AllInnerTextsAsync());
            Assert.Equal(TeamBChildren, await head.Locator("div.items li").CountAsync());
            Assert.All(await head.Locator("div.items li").AllInnerTextsAsync(), item => Assert.Contains("Social worker: Ash Worker", item));
            Assert.Equal("B", await head.InputValueAsync("#team"));
            Assert.Equal(0, await head.Locator("table:has(caption:has-text('By team'))").CountAsync());
            await CheckAsync(head, width, "one team's items");

            // A team and a worker of another team together (the two drop-downs allow it): the team's items, the worker
            // dropped, never "nothing open" under a heading naming one of them.
            await head.GotoAsync($"{Base}/api/team?council={_council}&team=B&worker=SW2");
            Assert.Equal("Open items for team B", await head.InnerTextAsync("h1"));
            Assert.Equal(TeamBChildren, await head.Locator("div.items li").CountAsync());
            Assert.Equal("", await head.InputValueAsync("#worker"));

            // The team filter: team A's items, 25 on the first page.
            await head.SelectOptionAsync("#team", "A");
            await head.ClickAsync("button:has-text('Show items')");
            Assert.Contains("team=A", head.Url);
            Assert.StartsWith($"{total - TeamBChildren} items for 27 children", await head.InnerTextAsync("h2#counts"), StringComparison.Ordinal);
            Assert.DoesNotContain("Ash Worker", await head.InnerTextAsync("div.items"));

            // Every team: 25 items a page, the rest on page 2, reached with the keyboard.
            await OpenTeamAsync(head);
            Assert.Equal($"Items 1 to 25 of {total}", await head.InnerTextAsync("h2#items"));
            Assert.Equal(25, await head.Locator("div.items li").CountAsync());
            var nav = head.Locator("nav[aria-label='Pages of items']");
            Assert.Contains("Page 1 of 2", await nav.InnerTextAsync());
            Assert.Equal(0, await nav.Locator("a:has-text('Previous page')").CountAsync());
            var pageOne = await head.Locator("div.items li").AllInnerTextsAsync();
            await TabToAsync(head, "Next page");
            await head.Keyboard.PressAsync("Enter");
            await head.Locator("h2#items:has-text('Items 26 to')").WaitForAsync();
            Assert.Contains("page=2", head.Url);
            Assert.Equal($"Items 26 to {total} of {total}", await head.InnerTextAsync("h2#items"));
            Assert.Equal(total - 25, await head.Locator("div.items li").CountAsync());
            Assert.Equal("26", await head.Locator("div.items ol").First.GetAttributeAsync("start")); // numbered on from page 1
            var pageTwo = await head.Locator("div.items li").AllInnerTextsAsync();
            Assert.Empty(pageOne.Intersect(pageTwo));
            var listed = new List<string>();
            foreach (var item in await head.Locator("div.items li").AllAsync())
            {
                listed.Add(await ChildOfAsync(item));
            }

            await head.GotoAsync(head.Url.Replace("page=2", "page=1", StringComparison.Ordinal));
            foreach (var item in await head.Locator("div.items li").AllAsync())
            {
                listed.Add(await ChildOfAsync(item));
            }

            Assert.Equal(Enumerable.Range(1, 30).Select(n => $"C{n:00}").Append("D1").Order(StringComparer.Ordinal), listed.Distinct().Order(StringComparer.Ordinal));
            await head.GotoAsync($"{Base}/api/team?council={_council}&page=2");
            Assert.Contains("Page 2 of 2", await nav.InnerTextAsync());
            Assert.Equal(0, await nav.Locator("a:has-text('Next page')").CountAsync());
            await head.ClickAsync("nav a:has-text('Previous page')");
            Assert.Equal($"Items 1 to 25 of {total}", await head.InnerTextAsync("h2#items"));
            await CheckAsync(head, width, "a head of service's first page of items");
        }
    }

    /// <summary>A team manager's counts by social worker link to that worker's items, as many as the row counts.</summary>
    [Fact]
    public async Task A_managers_counts_by_social_worker_link_to_that_workers_items()
    {
        foreach (var width in Widths)
        {
            var manager = await SignInAsync("alex", width);
            await OpenTeamAsync(manager);
            Assert.Equal("Open items for your team", await manager.InnerTextAsync("h1"));
            var rows = manager.Locator("table:has(caption:has-text('By social worker')) tbody > tr");
            Assert.Equal(ManagersWorkers, await rows.Locator("td:first-child a").AllInnerTextsAsync());
            var kit = rows.Filter(new() { HasText = "Kit Worker" }).Locator("td");
            var count = 0;
            for (var c = 1; c <= 3; c++) // escalated, overdue, due soon
            {
                count += int.Parse(Regex.Match(await kit.Nth(c).InnerTextAsync(), @"\d+").Value, null);
            }

            var labels = await CheckAsync(manager, width, "a team manager's team view");
            Assert.True(labels.Tables > 0 && labels.Cells > 0, "the by-worker table was not checked");

            await manager.ClickAsync("table a:has-text('Kit Worker')");
            Assert.Contains("worker=SW2", manager.Url);
            Assert.Equal("Open items for Kit Worker's children", await manager.InnerTextAsync("h1"));
            Assert.Equal("SW2", await manager.InputValueAsync("#worker"));
            var items = await manager.Locator("div.items li").AllAsync();
            Assert.Equal(count, items.Count);
            Assert.True(count > 6, $"{count} items"); // C21–C26 and D1's
            var children = new HashSet<string>();
            foreach (var item in items)
            {
                Assert.Contains("Social worker: Kit Worker", await item.InnerTextAsync());
                children.Add(await ChildOfAsync(item));
            }

            Assert.Equal(KitsChildren, children.Order(StringComparer.Ordinal));
            await CheckAsync(manager, width, "one social worker's items");
        }
    }

    /// <summary>Each item says what to do, in the reader's role, and links to the child's case record (the template configured).</summary>
    [Fact]
    public async Task Items_say_what_to_do_and_link_to_the_case_record()
    {
        foreach (var (width, who, role) in new[] { (400, "sam", "social worker"), (1280, "sam", "social worker"), (1280, "alex", "team manager") })
        {
            var page = await SignInAsync(who, width);
            await OpenTeamAsync(page);
            var items = await page.Locator("div.items li").AllAsync();
            Assert.NotEmpty(items);
            foreach (var item in items)
            {
                var child = await ChildOfAsync(item);
                var todo = await item.Locator("p:has(strong:text-is('What to do:'))").InnerTextAsync();
                Assert.True(todo.Length > "What to do: ".Length + 10, $"{role}: '{todo}'");
                var link = item.Locator("a:has-text('Open the case record')");
                Assert.Equal(1, await link.CountAsync());
                Assert.Equal(CaseRecords.Replace("{childId}", child, StringComparison.Ordinal), await link.GetAttributeAsync("href"));
                Assert.Contains(child, await link.TextContentAsync()); // its accessible name says whose record
            }

            // The in-hand form says it too.
            await page.ClickAsync("a:has-text('Say this is in hand')");
            Assert.Contains("What to do:", await page.InnerTextAsync("main"));
            Assert.Equal(1, await page.Locator("main a:has-text('Open the case record')").CountAsync());
        }
    }

    /// <summary>"Sign out" in the header forgets the development sign-in; the app's address leads to the team view.</summary>
    [Fact]
    public async Task Sign_out_forgets_the_sign_in_and_the_address_leads_to_the_team_view()
    {
        foreach (var width in Widths)
        {
            var page = await SignInAsync("sam", width);
            Assert.Equal(200, (await page.GotoAsync($"{Base}/"))!.Status);
            Assert.Equal("/", new Uri(page.Url).AbsolutePath); // the page itself, not a redirect (WebEndpoints)
            Assert.Equal("Open items for your children", await page.InnerTextAsync("h1"));
            Assert.Contains("C01", await page.InnerTextAsync("div.items"));
            // A link made for a manager (another worker, a team) still shows a social worker their own children.
            await OpenTeamAsync(page, "&worker=SW2&team=B");
            Assert.Equal("Open items for your children", await page.InnerTextAsync("h1"));
            Assert.Contains("C01", await page.InnerTextAsync("div.items"));
            Assert.Equal(0, await page.Locator("a:has-text('clear the filter')").CountAsync());

            var signOut = page.Locator("header a:text-is('Sign out')");
            Assert.True(await signOut.IsVisibleAsync());
            Assert.Equal("/dev/sign-out", await signOut.GetAttributeAsync("href"));
            await signOut.ClickAsync();
            Assert.Equal("Development sign-in", await page.InnerTextAsync("h1"));
            Assert.Equal(0, await page.Locator("[role=status]").CountAsync());
            Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "cpalerts-dev-user");

            var response = await OpenTeamAsync(page);
            Assert.Equal(401, response.Status);
            Assert.Equal("Sign in first", await page.InnerTextAsync("h1"));
            Assert.Equal(401, (await page.GotoAsync($"{Base}/"))!.Status);
        }
    }
}
