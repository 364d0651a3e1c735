using System.CommandLine;
using System.Globalization;
using CpAlerts.Adapters.Csv;
using CpAlerts.Adapters.Email;
using CpAlerts.Adapters.Storage;
using CpAlerts.Application.Configuration;
using CpAlerts.Application.Ports;
using CpAlerts.Application.Reporting;
using CpAlerts.Application.Wording;
using CpAlerts.Domain.Acknowledgements;
using CpAlerts.Domain.Calendar;
using CpAlerts.Domain.Notifications;
using CpAlerts.Domain.Recipients;
using CpAlerts.Domain.Records;
using CpAlerts.Domain.Rules;
using CpAlerts.Functions.Handler;
using CpAlerts.Testing.LocalRun;
using CpAlerts.Testing.Synthetic;
using CpAlerts.Tool.Jobs;
using Microsoft.Extensions.Configuration;
using NodaTime;

namespace CpAlerts.Tool.Cli;

/// <summary>
/// `demo`: the whole pipeline on a synthetic caseload, locally: generate → import → the real handler on
/// loopback → the daily sweep and the weekly digest invoked as the Functions host would → every message
/// delivered through the delivery endpoints → an outbox of emails and an index page.
/// </summary>
public static partial class DemoCommand
{
    public static Command Create(IConfiguration configuration, IClock clock)
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for the export, outbox and index.html.", DefaultValueFactory = _ => new DirectoryInfo("out") };
        var children = new Option<int>("--children") { Description = "Synthetic caseload size.", DefaultValueFactory = _ => 480 };
        var seed = new Option<int>("--seed") { Description = "Random seed for the caseload.", DefaultValueFactory = _ => 1 };
        var asOf = CommonOptions.AsOf(clock);
        var council = CommonOptions.Council();
        var faults = new Option<bool>("--faults")
        {
            Description = "Inject failures as Azure has them: the mail service refusing some sends (503) and down for an hour, the host losing a sweep's and a timer's outputs after the handler answered and a whole day's sweep outputs, a go-live list over the message size limit, timers firing 0.3 s early. Every email must still be sent exactly once.",
        };
        var serve = new Option<bool>("--serve") { Description = "When the emails are written, keep running with the team view open on 127.0.0.1 (Ctrl+C to stop)." };
        var command = new Command("demo", "Run the whole pipeline locally on synthetic data (needs Table Storage, e.g. Azurite).") { output, children, seed, asOf, council, faults, serve };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var summary = await RunAsync(configuration, clock, parse.GetRequiredValue(output).FullName, parse.GetValue(children), parse.GetValue(seed), parse.GetValue(asOf),
                parse.GetValue(council) ?? configuration[CouncilCode.Setting] ?? "DEMO", Console.Error, cancellationToken, parse.GetValue(faults), parse.GetValue(serve));
            Console.Out.WriteLine(summary.Text);
            foreach (var fault in summary.Faults)
            {
                Console.Out.WriteLine($"fault: {fault}");
            }

            if (summary.DetailsFile is { } file)
            {
                Console.Out.WriteLine($"details: {file}");
            }

            Console.Out.WriteLine(summary.DeliveryLine);
            return summary.Lost == 0 && summary.SentTwice == 0 ? ExitCodes.Success : ExitCodes.Incomplete;
        });
        return command;
    }

    public sealed record DemoSummary(string Text, int Emails, int DeadLettered, DispatchCounts Counts)
    {
        /// <summary>Message ids the mail service accepted more than once (must be none).</summary>
        public int SentTwice { get; init; }

        /// <summary>Messages the sweeps answered that delivery never sent nor re-routed as undeliverable (must be none).</summary>
        public int Lost { get; init; }

        /// <summary>Distinct emails the mail service accepted.</summary>
        public int Sent { get; init; }

        /// <summary>With --faults: the address the mail service refused, whose emails were re-routed with an undeliverable notice.</summary>
        public string? RefusedAddress { get; init; }

        /// <summary>With --faults: a line a fault, what failed and what CpAlerts did (none without).</summary>
        public IReadOnlyList<string> Faults { get; init; } = [];

        /// <summary>With --faults: the file with every refusal and the handler's log lines.</summary>
        public string? DetailsFile { get; init; }

        /// <summary>The closing line: `delivery: N emails sent, 0 lost, 0 sent twice`.</summary>
        public string DeliveryLine => $"delivery: {Sent} emails sent, {Lost} lost, {SentTwice} sent twice";
    }

    public static async Task<DemoSummary> RunAsync(IConfiguration configuration, IClock clock, string outFolder, int children, int seed, Instant asOf, string council, TextWriter progress,
        CancellationToken cancellationToken, bool faults = false, bool serve = false)
    {
        var code = CouncilCode.Resolve(council, configuration);
        // Synthetic children replace a council's records and its sweep dates move: never anywhere but the local emulator.
        if (TablesOptions.Read(configuration).LocalEmulatorHost() is null)
        {
            throw new SettingsException("demo runs only against the local storage emulator (Azurite on 127.0.0.1): the table storage configured " +
                "(CpAlerts__Tables__ConnectionString or __Endpoint) is elsewhere, and the demo would replace a council's records with synthetic children. Nothing was written.");
        }

        var outbox = Path.Combine(outFolder, "outbox");
        var deadLetters = Path.Combine(outFolder, "dead-letter");
        foreach (var folder in new[] { outbox, deadLetters })
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        var asOfDate = LondonTime.DateOf(asOf);
        progress.WriteLine($"demo: generating {children} synthetic children as of {asOfDate:yyyy-MM-dd}…");
        var export = new SyntheticCaseload(children, seed, asOfDate).Generate();
        ExportWriter.Write(export, Path.Combine(outFolder, "export"));

        // Local defaults for what a council would configure; anything already set wins.
        var port = FreePort();
        var local = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [HandlerSettings.FallbackMailboxSetting] = "cpalerts-fallback@council.example",
                [DeliverySettings.FromAddressSetting] = "cpalerts@council.example",
                [DeliverySettings.CaseRecordUrlTemplateSetting] = "https://case-records.council.example/children/{childId}",
                // Children placed in Cheshire and Merseyside are that ICB's health team's; those placed elsewhere stay with the council's own.
                [$"{HealthTeamMailboxes.Section}:QYG"] = "cheshire-merseyside.lac@nhs.example",
                [$"{HealthTeamMailboxes.Section}:QYG:Name"] = "Cheshire and Merseyside looked-after children's health team",
                [MailServiceOptions.OutboxSetting] = outbox,
                // The team view on this computer: anyone says who they are (refused in Azure), and emails link to it.
                [WebSettings.SignInSetting] = "development",
                [WebSettings.BaseUrlSetting] = $"http://127.0.0.1:{port}",
                // With --faults, a message budget under the stand-in broker's smaller limit (below): the go-live lists split into parts.
                [MessageOptions.BudgetSetting] = faults ? DemoFaults.BudgetKB.ToString(CultureInfo.InvariantCulture) : null,
                // The demo's own lines matter here; the handler's informational log is for operators (Logging__LogLevel__Default wins).
                ["Logging:LogLevel:Default"] = "Warning",
                // Retries being scheduled are warnings for operators; here the closing lines count them (with --faults the details file keeps them).
                ["Logging:LogLevel:CpAlerts.Delivery"] = faults ? "Warning" : "Error",
            })
            .AddConfiguration(configuration)
            .Build();
        var settings = HandlerSettings.Read(local, port);
        var calendar = settings.Sweep.Calendar;
        // CpAlerts went live for the council a week (or so: a working day) earlier: that first sweep sent each manager
        // and specialist one baseline summary; the sweeps after it escalate only what changed.
        var goLive = asOfDate.PlusDays(-7);
        while (!calendar.IsWorkingDay(goLive))
        {
            goLive = goLive.PlusDays(-1);
        }

        // The week's digest day: its Monday, or the next working day after a bank holiday Monday (as the handler decides).
        var digestAt = LondonTime.LocalDateTimeOf(SweepFunctions.DigestScheduleFor(calendar).LatestAtOrBefore(LondonTime.ToInstant(asOfDate.At(new LocalTime(23, 59)))));
        // A social worker looks at the team view the afternoon of the working day before that digest (not before go-live), and says
        // items escalating from the digest's day on are in hand; the digest then marks them, the sweeps hold them until the day.
        var visitDay = digestAt.Date.PlusDays(-1);
        while (!calendar.IsWorkingDay(visitDay))
        {
            visitDay = visitDay.PlusDays(-1);
        }

        var visitAt = (visitDay < goLive ? goLive : visitDay).At(new LocalTime(16, 0));
        var caseload = export.ToCaseload();
        var plan = InHandVisit.Find(caseload, settings, visitAt, digestAt.Date);
        // The first scorecard CpAlerts publishes after it went live (on the 1st, or the next working day).
        var scorecardAt = FirstRunAfter(SweepFunctions.ScorecardScheduleFor(calendar), goLive.At(new LocalTime(6, 0)));

        // The case-management export is imported early on the go-live morning, as a council's nightly import would be; its time
        // is the demo's, so the digests' "records as at" tells the demo's story, not the day the demo was run.
        progress.WriteLine($"demo: importing into Table Storage (the export of {goLive:yyyy-MM-dd} 05:00 London)…");
        // Synthetic data replacing synthetic data: a smaller demo caseload may remove what an earlier one stored.
        var imported = await ImportJob.RunAsync(TableStorage.FromConfiguration(configuration), code,
            RecordExportReader.ReadFolder(Path.Combine(outFolder, "export"), asOfDate), At(clock, goLive.At(new LocalTime(5, 0))), null, cancellationToken, allowLargeRemoval: true);
        progress.WriteLine(imported.Text);

        // The Service Bus stand-in: the host's deliveries, and the retry copies the handler schedules, in its own time,
        // which starts on the go-live morning.
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{settings.Port}/"), Timeout = TimeSpan.FromMinutes(5) };
        var dispatcher = new LocalDispatcher(http, FunctionBindings.ReadAll(AppContext.BaseDirectory), deadLetters)
        {
            MaxMessageBytes = faults ? DemoFaults.MaxMessageBytes : LocalDispatcher.StandardMaxMessageBytes,
            StartsAt = LondonTime.ToInstant(goLive.At(new LocalTime(5, 0))).ToDateTimeOffset(),
        };

        // The morning after the lost day, from just before its sweep (timers may fire a little early): the lost day's messages,
        // sent again by that sweep, and its own news all meet the outage.
        var outageFrom = LondonTime.ToInstant(asOfDate.PlusDays(1).At(new LocalTime(5, 59)));
        // With --faults, one team manager's address is refused for good, as a mistyped or closed mailbox is: their emails are
        // re-routed to the fallback mailbox and their head of service with a notice naming the address.
        var refusedAddress = faults ? export.Staff.Where(s => s.Role == Domain.Records.StaffRole.TeamManager && s.Email is not null).OrderBy(s => s.StaffId, StringComparer.Ordinal).FirstOrDefault()?.Email : null;
        // The handler's own clock reads the story's time, event by event, so the team view's "today" is the visit's day.
        var storyClock = new StoryClock(clock, LondonTime.ToInstant(goLive.At(new LocalTime(5, 0))));
        // With --faults, the details (every refusal, the handler's log) go to a file; the terminal gets a line a fault.
        using var details = faults ? new DemoLogFile(Path.Combine(outFolder, "faults.log")) : null;
        // The mail service the settings name (the outbox folder, its emails dated on the stand-in's clock), behind the stand-in that fails on purpose with --faults.
        var sender = MailServices.Create(settings.MailService, settings.Delivery, dispatcher);
        var mail = faults
            ? new FlakyMailService(sender) { Outage = (outageFrom, outageFrom + DemoFaults.Outage), Clock = dispatcher, RefusedAddress = refusedAddress, Details = details?.Writer }
            : new FlakyMailService(sender, everyNth: 0) { Clock = dispatcher };
        await using var app = await HandlerApp.BuildAsync(settings, local, storyClock, mail, dispatcher, details);
        await app.StartAsync(cancellationToken);

        var report = new Progress<string>(line => progress.WriteLine($"demo: {line}"));
        if (faults)
        {
            progress.WriteLine($"demo: --faults: failures injected as Azure has them; a line for each at the end, details in {details!.Path}");
            dispatcher.FailOutputs(new OutputFailure("DailySweep", SentBeforeFailing: 0));
            dispatcher.FailOutputs(new OutputFailure("SweepCouncil", SentBeforeFailing: 3));
            dispatcher.FailOutputs(new OutputFailure("SweepCouncil", SentBeforeFailing: 0));
        }

        // The story, in the order of its own clock: go-live; every morning's sweep from the next day until the in-hand date has
        // passed (and at least the morning after the as-of day); the visit to the team view; the digest; the scorecard.
        var held = 0;
        var heldMornings = 0;
        var timerFirings = 0;
        OutboxIndex.TeamViewStory? inHand = null;
        var lastSweep = plan is null || NextWorkingDay(calendar, plan.Until) < asOfDate.PlusDays(1) ? asOfDate.PlusDays(1) : NextWorkingDay(calendar, plan.Until);
        var story = new List<(LocalDateTime At, string What, Func<Task> Run)>
        {
            (goLive.At(new LocalTime(5, 0)), "The council's records imported (the nightly export)", () => Task.CompletedTask),
            (goLive.At(new LocalTime(6, 0)), "CpAlerts goes live: the first daily sweep sends one baseline summary per manager and specialist", () => SweepAsync(goLive)),
            (visitAt, plan is null ? "Nobody's items escalate in the coming week, so nobody says any are in hand" : "A social worker says in the team view that items escalating soon are in hand", VisitAsync),
            (digestAt.PlusMinutes(-30), "The council's records imported again (the same export: only the time the records are as at changes)", ImportAgainAsync),
            (digestAt, "The weekly digest: each social worker's children, and the IHA request reports", () => TimerAsync("WeeklyDigest", digestAt, Period.FromWeeks(1))),
            (scorecardAt, $"The scorecard to the end of {scorecardAt.Date.PlusDays(-scorecardAt.Day).ToString("MMMM yyyy", CultureInfo.InvariantCulture)}, emailed to the Corporate Parenting board",
                () => TimerAsync("PublishScorecard", scorecardAt, Period.FromMonths(1))),
        };
        // Every morning, as at a council: the team view lists what that morning's sweep found open, so the visit sees a fresh list.
        for (var day = goLive.PlusDays(1); day <= lastSweep; day = day.PlusDays(1))
        {
            var sweepDay = day;
            story.Add((day.At(new LocalTime(6, 0)), SweepWords(sweepDay), () => SweepAsync(sweepDay)));
        }

        var events = story.OrderBy(e => e.At).ToList(); // stable: at the same minute, in the order above
        var emailsSent = new List<int>();
        foreach (var (at, what, run) in events)
        {
            var sentBefore = mail.Sent.Count;
            // The handler's clock reaches the event; the stand-in's moves with the timer firings and scheduled messages, as before.
            storyClock.MoveTo(LondonTime.ToInstant(at));
            progress.WriteLine($"demo: {at:yyyy-MM-dd HH:mm} London: {what}…");
            await run();
            await dispatcher.DrainAsync(report, cancellationToken);
            emailsSent.Add(mail.Sent.Count - sentBefore);
        }

        string SweepWords(LocalDate day) =>
            day == asOfDate ? "The daily sweep of the as-of day: only what changed since the day before"
            : plan is not null && day > visitAt.Date && day <= plan.Until ? $"The daily sweep: the items in hand until {PeopleDates.Format(plan.Until)} are held, not escalated"
            : plan is not null && day == NextWorkingDay(calendar, plan.Until) ? "The daily sweep: the in-hand date has passed, so those items escalate, saying so"
            : calendar.IsWorkingDay(day) ? "The daily sweep: what changed since the day before" : "The daily sweep (not a working day: only what cannot wait)";

        async Task SweepAsync(LocalDate day)
        {
            if (faults && day == asOfDate)
            {
                // Every delivery of that day's sweep answers, and the host never gets its outputs onto Service Bus: the sweep
                // is dead-lettered. The next daily sweep finds its messages unconfirmed and sends them again.
                for (var delivery = 0; delivery < DemoFaults.LostSweepDeliveries; delivery++)
                {
                    dispatcher.FailOutputs(new OutputFailure("SweepCouncil", SentBeforeFailing: 0));
                }
            }

            var before = dispatcher.Logs.Count;
            // The timers fire at both UTC candidate hours, exactly as on Flex Consumption; the handler acts on one.
            await TimerAsync("DailySweep", day.At(new LocalTime(6, 0)), Period.FromDays(1));
            if (plan is not null && day > visitAt.Date && day <= plan.Until)
            {
                await dispatcher.DrainAsync(report, cancellationToken);
                // Each morning's sweep holds the items anew: the most in one morning is how many were held, not the sum.
                var heldToday = dispatcher.Logs.Skip(before).Sum(line => HeldCount().Match(line) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0);
                held = Math.Max(held, heldToday);
                heldMornings += heldToday > 0 ? 1 : 0;
            }
        }

        async Task VisitAsync()
        {
            if (plan is null)
            {
                progress.WriteLine("demo: no item escalates in the coming week, so nothing is said to be in hand.");
                return;
            }

            inHand = await plan.SayInHandAsync(code, new Uri($"http://127.0.0.1:{port}/"), progress, cancellationToken) with
            {
                Digest = digestAt > visitAt && digestAt.Date <= plan.Until ? digestAt.Date : null,
            };
        }

        // That morning's import, before the digest (the same export: nothing changes but the time the records are as at).
        Task ImportAgainAsync() => ImportJob.RunAsync(TableStorage.FromConfiguration(configuration), code,
            RecordExportReader.ReadFolder(Path.Combine(outFolder, "export"), asOfDate), At(clock, digestAt.PlusMinutes(-30)), null, cancellationToken, allowLargeRemoval: true);

        async Task TimerAsync(string function, LocalDateTime londonTime, Period interval)
        {
            timerFirings += 2;
            await FireAsync(dispatcher, function, londonTime, interval, faults, cancellationToken);
        }
        // The same figures as the board's email: the stored records and the reasons recorded in the team view.
        var storage = TableStorage.FromConfiguration(configuration);
        var scorecard = await ScorecardReport.ReadAsync(new CaseloadStore(storage), new AcknowledgementStore(storage), code, asOfDate, Domain.Scorecards.PeriodKind.Quarter,
            settings.Sweep.Calendar, settings.Sweep.Policy, settings.Scorecard.Policy, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(outFolder, "scorecard.html"), CpAlerts.Adapters.Scorecards.ScorecardPage.Render(scorecard), cancellationToken);

        var entries = OutboxIndex.Read(outbox);
        var deadLettered = Directory.Exists(deadLetters) ? Directory.GetFiles(deadLetters).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList() : [];
        OutboxIndex.Write(outFolder, "outbox", entries, $"CpAlerts demo, council {code}, {asOfDate.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture)}", deadLettered,
            inHand is null ? null : inHand with { Held = held, HeldMornings = heldMornings }, [.. events.Select((e, i) => new OutboxIndex.StoryEvent(e.At, e.What, emailsSent[i]))]);
        var byAudience = string.Join(", ", entries.GroupBy(e => e.Audience).Select(g => $"{g.Key} {g.Count()}"));
        var counts = dispatcher.Counts;
        var sentTwice = mail.Sent.Count(kv => kv.Value > 1);
        var lost = await LostAsync(dispatcher, new DeliveryLog(TableStorage.FromConfiguration(local), settings.DeliveryLease), code, cancellationToken);
        var text = $"demo: {entries.Count} email(s) in {outbox} ({byAudience}); {counts.Invocations} invocation(s), {counts.Retried} retried, {counts.DeadLettered} dead-lettered. Open {Path.Combine(outFolder, "index.html")} and {Path.Combine(outFolder, "scorecard.html")}.";
        IReadOnlyList<string> faultLines = [];
        if (details is not null)
        {
            var parts = dispatcher.Answered.Where(a => a.Body.Contains("\"part\":{", StringComparison.Ordinal)).Select(a => a.Body).Distinct(StringComparer.Ordinal).Count();
            faultLines = DemoFaults.Summary(new DemoFaults.Outcome(mail, counts, asOfDate, (outageFrom, outageFrom + DemoFaults.Outage), timerFirings, parts, sentTwice, deadLetters));
            details.Writer.WriteLine($"summary: {counts.Invocations} invocations, {counts.Completed} completed, {counts.Retried} retried, {counts.DeadLettered} dead-lettered, " +
                $"{counts.OutputsLost} with outputs lost, {counts.RefusedAsTooLarge} outputs refused as too large, {counts.Scheduled} retry copies scheduled, {counts.DroppedAsDuplicates} dropped as duplicates");
            foreach (var file in deadLettered)
            {
                details.Writer.WriteLine($"dead-lettered: {Path.Combine(deadLetters, file)}");
            }

            foreach (var line in faultLines)
            {
                details.Writer.WriteLine($"fault: {line}");
            }
        }
        if (serve)
        {
            progress.WriteLine(text);
            progress.WriteLine($"demo: the team view is open at http://127.0.0.1:{port}/dev/sign-in (sign in with a staff address: {Path.Combine(outFolder, "index.html")} suggests two, and {Path.Combine(outFolder, "export", "staff.csv")} has them all); Ctrl+C to stop.");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: stop the handler and finish as usual.
            }
        }

        await app.StopAsync(CancellationToken.None);
        return new DemoSummary(text, entries.Count, counts.DeadLettered, counts)
        {
            SentTwice = sentTwice, Lost = lost, Sent = mail.Sent.Count, RefusedAddress = refusedAddress, Faults = faultLines, DetailsFile = details?.Path,
        };
    }

    /// <summary>
    /// Messages the sweeps answered with (whether or not the host sent them) that delivery has not recorded as sent or as
    /// undeliverable and re-routed: what the council would never hear of.
    /// </summary>
    private static async Task<int> LostAsync(LocalDispatcher dispatcher, DeliveryLog log, string council, CancellationToken cancellationToken)
    {
        var lost = 0;
        foreach (var id in dispatcher.Answered.Where(a => a.Output != "sweeps").Select(a => (string?)System.Text.Json.Nodes.JsonNode.Parse(a.Body)?["messageId"]).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            lost += await log.StatusAsync(council, id, cancellationToken) is DeliveryStatus.Sent or DeliveryStatus.Failed ? 0 : 1;
        }

        return lost;
    }

    /// <summary>
    /// A UTC timer's two firings for a London hour (the GMT one and the BST one), in order, each with the
    /// status the host would pass: Next the occurrence, Last the one before. With faults, 0.3 s early, as
    /// the timer listener may fire (docs/host-contract.md).
    /// </summary>
    private static async Task FireAsync(LocalDispatcher dispatcher, string function, LocalDateTime londonTime, Period interval, bool early, CancellationToken cancellationToken)
    {
        var utcHour = londonTime.InUtc().ToDateTimeOffset();
        DateTimeOffset[] occurrences = [utcHour.AddHours(-1), utcHour];
        var last = (londonTime - interval).InUtc().ToDateTimeOffset();
        foreach (var occurrence in occurrences)
        {
            var firing = new TimerFiring(occurrence, early ? occurrence - DemoFaults.EarlyBy : occurrence, IsPastDue: false, Last: last);
            if (!await dispatcher.InvokeTimerAsync(function, firing, cancellationToken))
            {
                throw new InvalidOperationException($"{function} failed at {occurrence:O} after every retry; see the handler's log above.");
            }

            last = occurrence;
        }
    }

    /// <summary>A clock that reads <paramref name="london"/> (London time) now, and moves on as the real one does.</summary>
    private static ShiftedClock At(IClock clock, LocalDateTime london) => new(clock, LondonTime.ToInstant(london) - clock.GetCurrentInstant());

    /// <summary>The first working day after <paramref name="day"/>: when what was in hand until that day escalates.</summary>
    private static LocalDate NextWorkingDay(Domain.Calendar.WorkingCalendar calendar, LocalDate day)
    {
        var next = day.PlusDays(1);
        while (!calendar.IsWorkingDay(next))
        {
            next = next.PlusDays(1);
        }

        return next;
    }

    /// <summary>A schedule's first run after <paramref name="after"/> (within two months: the longest gap of a monthly one).</summary>
    private static LocalDateTime FirstRunAfter(LondonSchedule schedule, LocalDateTime after)
    {
        for (var day = after.Date; day <= after.Date.PlusMonths(2); day = day.PlusDays(1))
        {
            var run = day.At(schedule.At);
            if (run > after && schedule.Includes(LondonTime.ToInstant(run)))
            {
                return run;
            }
        }

        throw new InvalidOperationException($"no run of the schedule within two months of {after:yyyy-MM-dd HH:mm}");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(\d+) held \(in hand\)")]
    private static partial System.Text.RegularExpressions.Regex HeldCount();

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
