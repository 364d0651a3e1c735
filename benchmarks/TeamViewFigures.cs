using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using CpAlerts.Adapters.Storage;
using CpAlerts.Application.Configuration;
using CpAlerts.Application.Import;
using CpAlerts.Application.Sweep;
using CpAlerts.Domain.Calendar;
using CpAlerts.Domain.Records;
using CpAlerts.Functions.Handler;
using CpAlerts.Functions.Web;
using CpAlerts.Testing.LocalRun;
using CpAlerts.Testing.Synthetic;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using NodaTime;

namespace CpAlerts.Benchmarks;

/// <summary>
/// The team view's cost by council size (issue 31): for each size a synthetic council is imported into Azurite, swept
/// once (which writes the open-items projection), and served by the real handler in this process with development
/// sign-in. A typical social worker's, their team manager's and the head of service's pages are then requested in a
/// shuffled order across every size and role, so whatever the machine does meanwhile falls on all of them alike; the
/// figure is each page's median, and the ratio compares sizes measured in the same run.
/// </summary>
/// <remarks>
/// Where the councils are stored (<see cref="Layout"/>): by default each in tables of its own, as a deployment keeps its
/// one council (infra-bicep/main.bicep: one council code, one storage account). Azurite answers every query by filtering
/// the whole table (LokiTableMetadataStore.queryTableEntities), where Azure Table Storage reads only the partition asked
/// for, so there a larger council's partition queries cost more than they would in Azure. "shared" puts every size in
/// one set of tables, so that cost falls on every size alike and what is left is what the page itself does with council
/// size; it cannot show a page that queried a whole table, which would cost the same at every size there.
/// </remarks>
public static partial class TeamViewFigures
{
    /// <summary>How the councils of the sizes measured are stored.</summary>
    private enum Layout
    {
        /// <summary>Tables of its own for each council, as each deployment has.</summary>
        Separate,

        /// <summary>One set of tables for every council: Azurite's whole-table filter costs every size the same.</summary>
        Shared,
    }

    /// <summary>
    /// Untimed rounds first: each page's code is then past JIT compilation and tiering (a method is re-compiled optimised
    /// after 30 calls; every page's shared code runs 3 × sizes times a round), the form-token key ring is read, and the
    /// HTTP connections to the handler and to Azurite are open. Then an odd number of timed rounds (default 51, or the
    /// second argument), for a true median: a social worker's page takes a few milliseconds, as long as one scheduling
    /// delay on a busy two-core machine, so fifteen or twenty-one requests left the ratio moving by ±0.5 from run to run.
    /// </summary>
    private const int WarmRounds = 10, DefaultTimedRounds = 51;

    private static readonly LocalDate Today = new(2026, 11, 23);
    private static readonly Instant SweepAt = LondonTime.ToInstant(Today.At(new LocalTime(6, 0)));

    private sealed record Person(string Role, StaffMember Member);

    /// <summary>One size's council: its code and tables, the handler serving them, whom it signs in as, and what the projection holds.</summary>
    private sealed record Size(int Children, string Council, TableStorage Storage, WebApplication Handler, HttpClient Http, IReadOnlyList<Person> People,
        int SocialWorkerCaseload, int CouncilOpenItems, int StaffWithEmail) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await Handler.StopAsync();
            await Handler.DisposeAsync();
        }
    }

    /// <summary>What one GET answered: the status, the items on the page, the items it counts, and its length.</summary>
    private sealed record Page(HttpStatusCode Status, int Shown, int InScope, int Bytes);

    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = (args.Length > 0 ? args[0] : "480,10000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        var timedRounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : DefaultTimedRounds;
        var layout = args.Length > 2 ? Enum.Parse<Layout>(args[2], ignoreCase: true) : Layout.Separate;
        var connection = Environment.GetEnvironmentVariable("CpAlerts__Tables__ConnectionString")
            ?? throw new InvalidOperationException("Run through scripts/bench.sh, which starts Azurite.");
        var started = Stopwatch.StartNew();
        void Progress(string line) => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"teamview {started.Elapsed:hh\\:mm\\:ss}: {line}"));

        var councils = new List<Size>();
        var sharedPrefix = NewPrefix();
        Progress(layout == Layout.Shared ? "every council in one set of tables" : "each council in tables of its own, as each deployment keeps its council");
        try
        {
            foreach (var children in sizes)
            {
                councils.Add(await PrepareAsync(connection, layout == Layout.Shared ? sharedPrefix : NewPrefix(), children, Progress));
            }

            // Every (size, role) request of a round, and the social worker's storage reads on their own, in a shuffled order.
            var random = new Random(31);
            var pages = new Dictionary<(int Size, string Role), List<double>>();
            var reads = new Dictionary<(int Size, string Read), List<double>>();
            var last = new Dictionary<(int Size, string Role), Page>();
            var steps = councils.SelectMany(c => c.People.Select(p => (Council: c, Person: (Person?)p, Read: (string?)null))
                .Concat(SocialWorkerReads.Select(r => (Council: c, Person: (Person?)null, Read: (string?)r)))).ToList();
            Progress($"{WarmRounds} untimed rounds, then {timedRounds} timed rounds of {steps.Count} requests each (shuffled)");
            for (var round = 0; round < WarmRounds + timedRounds; round++)
            {
                var timed = round >= WarmRounds;
                foreach (var (council, person, read) in steps.OrderBy(_ => random.Next()))
                {
                    var watch = Stopwatch.StartNew();
                    if (person is not null)
                    {
                        var page = await GetTeamPageAsync(council.Http, council.Council, person.Member.Email!);
                        var seconds = watch.Elapsed.TotalMilliseconds;
                        if (page.Status != HttpStatusCode.OK)
                        {
                            throw new InvalidOperationException($"{person.Role} at {council.Children} children: the team view answered {(int)page.Status}");
                        }

                        last[(council.Children, person.Role)] = page;
                        if (timed)
                        {
                            Add(pages, (council.Children, person.Role), seconds);
                        }
                    }
                    else
                    {
                        await ReadAsync(council, read!);
                        if (timed)
                        {
                            Add(reads, (council.Children, read!), watch.Elapsed.TotalMilliseconds);
                        }
                    }
                }

                if (round == WarmRounds - 1 || (timed && (round - WarmRounds) % 10 == 9))
                {
                    Progress(timed ? $"{round - WarmRounds + 1} of {timedRounds} timed rounds done" : "warm");
                }
            }

            Print(councils, pages, reads, last, timedRounds, layout);
            return 0;
        }
        finally
        {
            foreach (var council in councils)
            {
                await council.DisposeAsync();
            }
        }
    }

    private static void Add<TKey>(Dictionary<TKey, List<double>> into, TKey key, double value) where TKey : notnull
    {
        if (!into.TryGetValue(key, out var list))
        {
            into[key] = list = [];
        }

        list.Add(value);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Imports the council into the tables named by the prefix, sweeps it with the projection, picks the people and starts a handler on them.</summary>
    private static async Task<Size> PrepareAsync(string connection, string prefix, int children, Action<string> progress)
    {
        // A code and staff addresses of its own, so that councils of several sizes can share tables ("shared").
        var council = string.Create(CultureInfo.InvariantCulture, $"B{children}");
        var storage = TableStorage.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [TablesOptions.ConnectionStringSetting] = connection,
            [TablesOptions.PrefixSetting] = prefix,
        }).Build());
        await storage.EnsureTablesAsync();
        var generated = new SyntheticCaseload(children, 1, Today).Generate();
        var export = generated with { Staff = [.. generated.Staff.Select(s => s with { Email = s.Email?.Replace("@", string.Create(CultureInfo.InvariantCulture, $"@b{children}."), StringComparison.Ordinal) })] };
        var caseload = new CaseloadStore(storage);
        progress($"{children:N0} children: import ({export.Children.Length:N0} children, {export.Staff.Length:N0} staff)");
        await caseload.ImportAsync(council, export, deleteMissing: true);
        progress($"{children:N0} children: daily sweep, writing the open items");
        var settings = SweepSettings.Default("fallback@council.example");
        var sweep = new CouncilSweep(caseload, new FindingStateStore(storage), settings, new AcknowledgementStore(storage), null, new OpenItemsTable(storage));
        var swept = await sweep.RunDailyAsync(council, SweepAt, "bench");
        var open = await new OpenItemsTable(storage).ReadCouncilAsync(council);

        var people = PickPeople(export, open.Items.GroupBy(i => i.SocialWorkerId ?? "").ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal), out var caseloadOfWorker);
        progress($"{children:N0} children: {swept.OpenFindings:N0} open findings; social worker {people[0].Member.StaffId} ({caseloadOfWorker} children), " +
            $"team manager {people[1].Member.StaffId}, head of service {people[2].Member.StaffId}; starting the handler");
        var port = FreePort();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [TablesOptions.ConnectionStringSetting] = connection,
            [TablesOptions.PrefixSetting] = prefix,
            [HandlerSettings.FallbackMailboxSetting] = "fallback@council.example",
            [DeliverySettings.FromAddressSetting] = "cpalerts@council.example",
            [DeliverySettings.CaseRecordUrlTemplateSetting] = "https://case-records.council.example/children/{childId}",
            [MailServiceOptions.OutboxSetting] = Path.Combine(Path.GetTempPath(), "cpalerts-bench-outbox"),
            [WebSettings.SignInSetting] = "development",
            [WebSettings.BaseUrlSetting] = $"http://127.0.0.1:{port}",
            ["Logging:LogLevel:Default"] = "Warning",
        }).Build();
        // The handler's "today" is the sweep's day (09:00 London), as in the demo, so "in hand" and the digest order read as that morning.
        var clock = new ShiftedClock(SystemClock.Instance, LondonTime.ToInstant(Today.At(new LocalTime(9, 0))) - SystemClock.Instance.GetCurrentInstant());
        var handler = await HandlerApp.BuildAsync(HandlerSettings.Read(configuration, port), configuration, clock);
        await handler.StartAsync();
        // No cookie container: each request carries the development sign-in cookie of the person it is for.
        var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        return new Size(children, council, storage, handler, http, people, caseloadOfWorker, open.Items.Count, export.Staff.Count(s => s.Email is not null));
    }

    /// <summary>
    /// A typical social worker — the median by caseload, then by open items (among those with an email address, so they
    /// can sign in) — their team manager, and the head of service.
    /// </summary>
    private static List<Person> PickPeople(RecordExport export, Dictionary<string, int> openByWorker, out int caseload)
    {
        var children = export.Children.Where(c => c.SocialWorkerId is not null).GroupBy(c => c.SocialWorkerId!).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var workers = export.Staff.Where(s => s.Role == StaffRole.SocialWorker && s.Email is not null)
            .OrderBy(s => children.GetValueOrDefault(s.StaffId)).ThenBy(s => openByWorker.GetValueOrDefault(s.StaffId)).ThenBy(s => s.StaffId, StringComparer.Ordinal).ToList();
        var worker = workers[workers.Count / 2];
        caseload = children.GetValueOrDefault(worker.StaffId);
        var manager = export.Staff.Single(s => s.StaffId == worker.ManagerId);
        var head = export.Staff.First(s => s.Role == StaffRole.HeadOfService && s.Email is not null);
        return [new("social worker", worker), new("team manager", manager), new("head of service", head)];
    }

    /// <summary>GET /api/team?council=… as the member of staff, signed in by development sign-in's cookie.</summary>
    private static async Task<Page> GetTeamPageAsync(HttpClient http, string council, string email)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, TeamViewRoutes.TeamOf(council));
        request.Headers.Add("Cookie", $"{SignedInStaff.DevelopmentCookie}={email}");
        using var response = await http.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();
        var counted = Counted().Match(html);
        return new Page(response.StatusCode, ItemLink().Count(html), counted.Success ? int.Parse(counted.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) : 0,
            html.Length);
    }

    /// <summary>
    /// The storage requests a social worker's page makes, each timed alone: first as the page makes them, through the
    /// adapters (the sign-in lookup; their open items), then one by one as bare requests (what Azurite costs by itself).
    /// </summary>
    private static readonly string[] SocialWorkerReads =
        ["sign-in lookup", "email index query", "staff point read", "councils query", "own open items", "open items partition query", "as-of point read"];

    private static async Task ReadAsync(Size council, string read)
    {
        var worker = council.People[0].Member;
        static async Task CountAsync(TableClient table, string filter)
        {
            await foreach (var _ in table.QueryAsync<TableEntity>(filter))
            {
            }
        }

        switch (read)
        {
            case "sign-in lookup":
                _ = await new CaseloadStore(council.Storage).FindStaffByEmailAsync(worker.Email!);
                break;
            case "email index query":
                await CountAsync(council.Storage.Table(TableNames.StaffEmails), TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Escape(worker.Email!.ToLowerInvariant())}"));
                break;
            case "staff point read":
                _ = await council.Storage.Table(TableNames.Staff).GetEntityIfExistsAsync<TableEntity>(CaseloadEntities.StaffPartition(council.Council), TableKeys.Escape(worker.StaffId));
                break;
            case "councils query":
                await CountAsync(council.Storage.Table(TableNames.Councils), TableClient.CreateQueryFilter($"PartitionKey eq {"councils"}"));
                break;
            case "own open items":
                _ = await new OpenItemsTable(council.Storage).ReadAsync(council.Council, [worker.StaffId]);
                break;
            case "open items partition query":
                await CountAsync(council.Storage.Table(TableNames.OpenItems),
                    TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Escape(council.Council) + TableKeys.Separator + TableKeys.Escape(worker.StaffId)}"));
                break;
            default:
                _ = await council.Storage.Table(TableNames.OpenItems).GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(council.Council), "sweep");
                break;
        }
    }

    private static void Print(List<Size> councils, Dictionary<(int Size, string Role), List<double>> pages, Dictionary<(int Size, string Read), List<double>> reads,
        Dictionary<(int Size, string Role), Page> last, int timedRounds, Layout layout)
    {
        static string Ms(double ms) => ms.ToString(ms < 100 ? "F1" : "F0", CultureInfo.InvariantCulture);
        var where = layout == Layout.Shared ? "every council in one set of tables" : "each council in tables of its own";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Team view, GET {TeamViewRoutes.Team}?council=B<children>: median of {timedRounds} timed requests each after {WarmRounds} untimed rounds, in-process handler, development sign-in, {where}"));
        Console.WriteLine();
        Console.WriteLine("| children | open items in council | page | items on the page / in its counts | page KB | median ms | min–max ms |");
        Console.WriteLine("|---:|---:|---|---:|---:|---:|---:|");
        foreach (var council in councils)
        {
            foreach (var person in council.People)
            {
                var times = pages[(council.Children, person.Role)];
                var page = last[(council.Children, person.Role)];
                var who = person.Role == "social worker" ? $"social worker ({council.SocialWorkerCaseload} children)" : person.Role;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {council.Children:N0} | {council.CouncilOpenItems:N0} | {who} | {page.Shown} / {page.InScope:N0} | {page.Bytes / 1024.0:F0} | {Ms(Median(times))} | {Ms(times.Min())}–{Ms(times.Max())} |"));
            }
        }

        Console.WriteLine();
        Console.WriteLine("Where a social worker's page waits on storage (each read timed alone, medians, ms):");
        Console.WriteLine();
        Console.WriteLine($"| children | staff with email | {string.Join(" | ", SocialWorkerReads)} |");
        Console.WriteLine($"|---:|---:|{string.Concat(SocialWorkerReads.Select(_ => "---:|"))}");
        foreach (var council in councils)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {council.Children:N0} | {council.StaffWithEmail:N0} | {string.Join(" | ", SocialWorkerReads.Select(r => Ms(Median(reads[(council.Children, r)]))))} |"));
        }

        if (councils.Count < 2)
        {
            return;
        }

        var (small, large) = (councils[0], councils[^1]);
        Console.WriteLine();
        foreach (var role in small.People.Select(p => p.Role))
        {
            var ratio = Median(pages[(large.Children, role)]) / Median(pages[(small.Children, role)]);
            var goal = role == "social worker" ? " (goal ≤ 1.3)" : " (for information)";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{role}: {large.Children:N0} ÷ {small.Children:N0} children = {ratio:F2}{goal}"));
        }

        foreach (var read in SocialWorkerReads)
        {
            var ratio = Median(reads[(large.Children, read)]) / Median(reads[(small.Children, read)]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"social worker's {read}: {large.Children:N0} ÷ {small.Children:N0} children = {ratio:F2}"));
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>One per item on the page: its "say this is in hand" or "change or see its history" link.</summary>
    [GeneratedRegex("(Say this is in hand|Change or see its history)<span")]
    private static partial Regex ItemLink();

    /// <summary>The page's count line: "N items for M children".</summary>
    [GeneratedRegex("<h2 id=\"counts\">([0-9,]+) items? for")]
    private static partial Regex Counted();
}
