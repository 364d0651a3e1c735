using System.CommandLine;
using CpAlerts.Adapters.Csv;
using CpAlerts.Adapters.Email;
using CpAlerts.Adapters.Storage;
using CpAlerts.Application.Configuration;
using CpAlerts.Application.Ports;
using CpAlerts.Application.Reporting;
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

        /// <summary>The closing line: `delivery: N emails sent, 0 lost, 0 sent twice`.</summary>
        public string DeliveryLine => $"delivery: {Sent} emails sent, {Lost} lost, {SentTwice} sent twice";
    }

    /// <summary>With --faults, the broker's limit and the sweep's budget: small enough that the go-live lists of the busiest readers do not fit in one message.</summary>
    private const int FaultsMaxMessageBytes = 16 * 1024, FaultsBudgetKB = 12;

    /// <summary>With --faults, how long the mail service is down on the go-live morning: longer than the old in-invocation retry budget.</summary>
    private static readonly Duration FaultsOutage = Duration.FromHours(1);

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
                [MessageOptions.BudgetSetting] = faults ? FaultsBudgetKB.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
                // The demo's own lines matter here; the handler's informational log is for operators (Logging__LogLevel__Default wins).
                ["Logging:LogLevel:Default"] = "Warning",
                // Retries being scheduled are warnings for operators; here the closing lines count them.
                ["Logging:LogLevel:CpAlerts.Delivery"] = "Error",
            })
            .AddConfiguration(configuration)
            .Build();
        var settings = HandlerSettings.Read(local, port);
        // CpAlerts went live for the council a week (or so: a working day) earlier: that first sweep sent each manager
        // and specialist one baseline summary; the as-of day's sweep then escalates only what changed since.
        var goLive = asOfDate.PlusDays(-7);
        while (!settings.Sweep.Calendar.IsWorkingDay(goLive))
        {
            goLive = goLive.PlusDays(-1);
        }

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
            MaxMessageBytes = faults ? FaultsMaxMessageBytes : LocalDispatcher.StandardMaxMessageBytes,
            StartsAt = LondonTime.ToInstant(goLive.At(new LocalTime(5, 0))).ToDateTimeOffset(),
        };

        // The morning after the lost day, from just before its sweep (timers may fire a little early): the lost day's messages,
        // sent again by that sweep, and its own news all meet the outage.
        var outageFrom = LondonTime.ToInstant(asOfDate.PlusDays(1).At(new LocalTime(5, 59)));
        // With --faults, one team manager's address is refused for good, as a mistyped or closed mailbox is: their emails are
        // re-routed to the fallback mailbox and their head of service with a notice naming the address.
        var refusedAddress = faults ? export.Staff.Where(s => s.Role == Domain.Records.StaffRole.TeamManager && s.Email is not null).OrderBy(s => s.StaffId, StringComparer.Ordinal).FirstOrDefault()?.Email : null;
        // The handler's own clock reads the demo's day (09:00 London on the as-of date), so the team view's "today" is that day.
        var demoClock = new ShiftedClock(clock, LondonTime.ToInstant(asOfDate.At(new LocalTime(9, 0))) - clock.GetCurrentInstant());
        // The mail service the settings name (the outbox folder), behind the stand-in that fails on purpose with --faults.
        var sender = MailServices.Create(settings.MailService, settings.Delivery);
        var mail = faults ? new FlakyMailService(sender) { Outage = (outageFrom, outageFrom + FaultsOutage), Clock = dispatcher, RefusedAddress = refusedAddress } : new FlakyMailService(sender, everyNth: 0);
        await using var app = await HandlerApp.BuildAsync(settings, local, demoClock, mail, dispatcher);
        await app.StartAsync(cancellationToken);

        var report = new Progress<string>(line => progress.WriteLine($"demo: {line}"));
        if (faults)
        {
            progress.WriteLine("demo: --faults: the mail service refuses some sends (503); the host loses the outputs of the first timer firing and of the first two sweeps " +
                $"after they answered, and every output of the as-of day's sweep; the mail service is down for {FaultsOutage.TotalMinutes:0} minutes from the next morning's sweep; " +
                $"the broker takes messages of at most {FaultsMaxMessageBytes / 1024} KB (Standard: 256 KB), so the longest go-live lists go in parts; " +
                "one team manager's address is refused for good, so their emails go to the fallback mailbox and their head of service with a notice naming it; timers fire 0.3 s early.");
            dispatcher.FailOutputs(new OutputFailure("DailySweep", SentBeforeFailing: 0));
            dispatcher.FailOutputs(new OutputFailure("SweepCouncil", SentBeforeFailing: 3));
            dispatcher.FailOutputs(new OutputFailure("SweepCouncil", SentBeforeFailing: 0));
        }

        progress.WriteLine($"demo: first daily sweep (go-live, baseline summaries) for {goLive:yyyy-MM-dd} 06:00 London…");
        await FireAsync(dispatcher, "DailySweep", goLive.At(new LocalTime(6, 0)), Period.FromDays(1), faults, cancellationToken);
        await dispatcher.DrainAsync(report, cancellationToken);

        // The timers fire at both UTC candidate hours, exactly as on Flex Consumption; the handler acts on one.
        var sweepAt = asOfDate.At(new LocalTime(6, 0));
        progress.WriteLine($"demo: daily sweep for {asOfDate:yyyy-MM-dd} 06:00 London…");
        if (faults)
        {
            // Every delivery of that day's sweep answers, and the host never gets its outputs onto Service Bus: the sweep
            // is dead-lettered. The next daily sweep finds its messages unconfirmed and sends them again.
            for (var delivery = 0; delivery < 10; delivery++)
            {
                dispatcher.FailOutputs(new OutputFailure("SweepCouncil", SentBeforeFailing: 0));
            }
        }

        await FireAsync(dispatcher, "DailySweep", sweepAt, Period.FromDays(1), faults, cancellationToken);
        await dispatcher.DrainAsync(report, cancellationToken);

        // A social worker says a few items are in hand until tomorrow, in the team view, before they escalate.
        var caseload = export.ToCaseload();
        var inHand = await AcknowledgeAsAWorkerAsync(caseload, code, settings, new Uri($"http://127.0.0.1:{port}/"), asOfDate, progress, cancellationToken);

        // The week's digest day: its Monday, or the next working day after a bank holiday Monday (as the handler decides).
        var endOfDay = LondonTime.ToInstant(asOfDate.At(new LocalTime(23, 59)));
        var monday = LondonTime.LocalDateTimeOf(SweepFunctions.DigestScheduleFor(settings.Sweep.Calendar).LatestAtOrBefore(endOfDay));
        // That morning's import, before the digest (the same export: nothing changes but the time the records are as at).
        await ImportJob.RunAsync(TableStorage.FromConfiguration(configuration), code,
            RecordExportReader.ReadFolder(Path.Combine(outFolder, "export"), asOfDate), At(clock, monday.Date.At(new LocalTime(6, 30))), null, cancellationToken, allowLargeRemoval: true);
        progress.WriteLine($"demo: weekly digest for {monday.Date:dddd yyyy-MM-dd} 07:00 London…");
        await FireAsync(dispatcher, "WeeklyDigest", monday, Period.FromWeeks(1), faults, cancellationToken);
        await dispatcher.DrainAsync(report, cancellationToken);

        var firstOfMonth = LondonTime.LocalDateTimeOf(SweepFunctions.ScorecardScheduleFor(settings.Sweep.Calendar).LatestAtOrBefore(endOfDay));
        progress.WriteLine($"demo: monthly scorecard published {firstOfMonth.Date:yyyy-MM-dd} 07:00 London…");
        await FireAsync(dispatcher, "PublishScorecard", firstOfMonth, Period.FromMonths(1), faults, cancellationToken);
        await dispatcher.DrainAsync(report, cancellationToken);

        // Each morning to the in-hand date their escalations are held; the first working morning after it they go, saying it lapsed.
        var held = 0;
        if (inHand is not null)
        {
            for (var day = asOfDate.PlusDays(1); day <= inHand.Until; day = day.PlusDays(1))
            {
                progress.WriteLine($"demo: daily sweep for {day:yyyy-MM-dd} 06:00 London (items in hand until {inHand.Until:yyyy-MM-dd})…");
                var before = dispatcher.Logs.Count;
                await FireAsync(dispatcher, "DailySweep", day.At(new LocalTime(6, 0)), Period.FromDays(1), faults, cancellationToken);
                await dispatcher.DrainAsync(report, cancellationToken);
                held += dispatcher.Logs.Skip(before).Sum(line => HeldCount().Match(line) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0);
            }

            var lapse = inHand.Until.PlusDays(1);
            while (!settings.Sweep.Calendar.IsWorkingDay(lapse))
            {
                lapse = lapse.PlusDays(1);
            }

            progress.WriteLine($"demo: {held} escalation(s) held in all; daily sweep for {lapse:yyyy-MM-dd} 06:00 London (the in-hand date has passed)…");
            await FireAsync(dispatcher, "DailySweep", lapse.At(new LocalTime(6, 0)), Period.FromDays(1), faults, cancellationToken);
            await dispatcher.DrainAsync(report, cancellationToken);
        }
        else if (faults)
        {
            progress.WriteLine($"demo: daily sweep for {asOfDate.PlusDays(1):yyyy-MM-dd} 06:00 London (sends again what the lost sweep handed over)…");
            await FireAsync(dispatcher, "DailySweep", asOfDate.PlusDays(1).At(new LocalTime(6, 0)), Period.FromDays(1), faults, cancellationToken);
            await dispatcher.DrainAsync(report, cancellationToken);
        }

        // The same figures as the board's email: the stored records and the reasons recorded in the team view.
        var storage = TableStorage.FromConfiguration(configuration);
        var scorecard = await ScorecardReport.ReadAsync(new CaseloadStore(storage), new AcknowledgementStore(storage), code, asOfDate, Domain.Scorecards.PeriodKind.Quarter,
            settings.Sweep.Calendar, settings.Sweep.Policy, settings.Scorecard.Policy, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(outFolder, "scorecard.html"), CpAlerts.Adapters.Scorecards.ScorecardPage.Render(scorecard), cancellationToken);

        var entries = OutboxIndex.Read(outbox);
        var deadLettered = Directory.Exists(deadLetters) ? Directory.GetFiles(deadLetters).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList() : [];
        OutboxIndex.Write(outFolder, "outbox", entries, $"CpAlerts demo, council {code}, {asOfDate.ToString("ddd d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}", deadLettered,
            inHand is null ? null : inHand with { Held = held });
        var byAudience = string.Join(", ", entries.GroupBy(e => e.Audience).Select(g => $"{g.Key} {g.Count()}"));
        var counts = dispatcher.Counts;
        var sentTwice = mail.Sent.Count(kv => kv.Value > 1);
        var lost = await LostAsync(dispatcher, new DeliveryLog(TableStorage.FromConfiguration(local), settings.DeliveryLease), code, cancellationToken);
        var faultLine = !faults ? "" :
            $" Faults injected: {mail.Refused} send(s) refused and {mail.RefusedDuringOutage} during the outage, {counts.Scheduled} retry copies scheduled; " +
            $"{counts.OutputsLost} invocation(s) whose outputs were lost, {counts.DeadLettered} message(s) dead-lettered; " +
            $"{dispatcher.Answered.Where(a => a.Body.Contains("\"part\":{", StringComparison.Ordinal)).Select(a => a.Body).Distinct(StringComparer.Ordinal).Count()} message(s) in parts.";
        var text = $"demo: {entries.Count} email(s) in {outbox} ({byAudience}); {counts.Invocations} invocation(s), {counts.Retried} retried, {counts.DeadLettered} dead-lettered.{faultLine} Open {Path.Combine(outFolder, "index.html")} and {Path.Combine(outFolder, "scorecard.html")}.";
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
        return new DemoSummary(text, entries.Count, counts.DeadLettered, counts) { SentTwice = sentTwice, Lost = lost, Sent = mail.Sent.Count, RefusedAddress = refusedAddress };
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
            var firing = new TimerFiring(occurrence, early ? occurrence.AddMilliseconds(-300) : occurrence, IsPastDue: false, Last: last);
            if (!await dispatcher.InvokeTimerAsync(function, firing, cancellationToken))
            {
                throw new InvalidOperationException($"{function} failed at {occurrence:O} after every retry; see the handler's log above.");
            }

            last = occurrence;
        }
    }

    /// <summary>
    /// The first day within a week on which some social worker's items escalate: that worker says up to three of them are
    /// in hand until that day (no longer than the rule allows), through the team view's own pages; null when none escalates.
    /// </summary>
    /// <summary>What a social worker would say is in hand for each timescale: an appointment for a health or dental check or an
    /// interview, a placement move under way for a plan for permanence.</summary>
    private static AcknowledgementReason ReasonFor(RuleId rule) => rule switch
    {
        RuleId.PermanenceReview => AcknowledgementReason.PlacementMove,
        RuleId.IhaRequest => AcknowledgementReason.ConsentAwaited,
        _ => AcknowledgementReason.AppointmentBooked,
    };

    /// <summary>A clock that reads <paramref name="london"/> (London time) now, and moves on as the real one does.</summary>
    private static ShiftedClock At(IClock clock, LocalDateTime london) => new(clock, LondonTime.ToInstant(london) - clock.GetCurrentInstant());

    private static async Task<OutboxIndex.TeamViewStory?> AcknowledgeAsAWorkerAsync(Caseload caseload, string council, HandlerSettings settings, Uri handler,
        LocalDate today, TextWriter progress, CancellationToken cancellationToken)
    {
        var policy = new NotificationPolicy(settings.Sweep.Policy, settings.Sweep.Calendar);
        EvaluationContext At(LocalDate day, int hour) => new(LondonTime.ToInstant(day.At(new LocalTime(hour, 0))), settings.Sweep.Calendar, settings.Sweep.Policy);
        var staff = new StaffDirectory(caseload.Staff);
        var children = caseload.Children.Where(c => staff.Find(c.Child.SocialWorkerId) is { Email: not null }).ToList();
        var now = children.SelectMany(c => RulesEngine.Standard.Evaluate(c, At(today, 9)).Select(f => (Child: c.Child, Finding: f))).ToList();
        for (var day = today.PlusDays(1); day <= today.PlusDays(7); day = day.PlusDays(1))
        {
            var then = children.SelectMany(c => RulesEngine.Standard.Evaluate(c, At(day, 6))).ToDictionary(f => f.Key, f => f.Level, StringComparer.Ordinal);
            var until = day;
            var rising = now.Where(x => then.GetValueOrDefault(x.Finding.Key, x.Finding.Level) > x.Finding.Level && until <= policy.LatestInHandUntil(x.Finding.Rule, today))
                .GroupBy(x => x.Child.SocialWorkerId!).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault();
            if (rising is null)
            {
                continue;
            }

            var worker = staff.Find(rising.Key)!;
            var manager = staff.Find(worker.ManagerId);
            using var visit = await TeamViewVisit.SignInAsync(handler, worker.Email!, cancellationToken);
            var saved = 0;
            foreach (var item in rising.Take(3))
            {
                saved += await visit.AcknowledgeAsync(council, item.Child.ChildId, item.Finding.Key, ReasonFor(item.Finding.Rule), until, cancellationToken) == System.Net.HttpStatusCode.OK ? 1 : 0;
            }

            // The staff id, not the name: what the demo prints is a log (LogPrivacyTests); the index page names them.
            progress.WriteLine($"demo: social worker {worker.StaffId} said {saved} item(s) are in hand until {until:yyyy-MM-dd} in the team view.");
            return new OutboxIndex.TeamViewStory(worker.Name, worker.Email!, manager?.Name, manager?.Email, saved, until);
        }

        progress.WriteLine("demo: no item escalates in the coming week, so nothing is said to be in hand.");
        return null;
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
