using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using CpAlerts.Adapters.Email;
using CpAlerts.Adapters.Storage;
using CpAlerts.Application.Configuration;
using CpAlerts.Application.Delivery;
using CpAlerts.Application.Messages;
using CpAlerts.Application.Ports;
using CpAlerts.Application.Sweep;
using CpAlerts.Domain.Calendar;
using CpAlerts.Testing.Synthetic;
using Microsoft.Extensions.Configuration;
using NodaTime;
using NodaTime.Text;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CpAlerts.Benchmarks;

/// <summary>
/// End-to-end figures against the Azurite that scripts/bench.sh starts: import vs raw batched upserts,
/// the sweep vs a raw scan of the same tables, the sweep's peak memory (scan and sweeps each run in their own
/// process, as an invocation would), and delivery throughput to a SendGrid-shaped server. Each figure
/// is a ratio measured in the same run, so the machine's speed cancels out.
/// </summary>
public static class EndToEndFigures
{
    private static readonly LocalDate Today = new(2026, 11, 23);
    private static readonly Instant SweepAt = LondonTime.ToInstant(Today.At(new LocalTime(6, 0)));

    /// <summary>A 20-child council swept, untimed, before the measured one in the same process.</summary>
    private const string WarmUpCouncil = "WARMUP";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0 && args[0] == "sweep")
        {
            return await SweepOnceAsync(args[1], args[2], InstantPattern.ExtendedIso.Parse(args[3]).Value);
        }

        if (args.Length > 0 && args[0] == "scan")
        {
            return await ScanOnceAsync(args[1]);
        }

        if (args.Length > 0 && args[0] == "region")
        {
            return await RegionAsync(int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture));
        }

        var sizes = (args.Length > 0 ? args[0] : "1000,10000").Split(',').Select(int.Parse).ToList();
        var connection = Environment.GetEnvironmentVariable("CpAlerts__Tables__ConnectionString")
            ?? throw new InvalidOperationException("Run through scripts/bench.sh, which starts Azurite.");
        PrintHeader();
        foreach (var n in sizes)
        {
            await MeasureAsync(connection, n);
        }

        await MeasureDeliveryAsync(connection, 300);
        return 0;
    }

    private static TableStorage Storage(string connection, string prefix) => TableStorage.FromConfiguration(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { [TablesOptions.ConnectionStringSetting] = connection, [TablesOptions.PrefixSetting] = prefix }).Build());

    private static void PrintHeader()
    {
        Console.WriteLine("| children | caseload rows | raw upsert s | import s | import ÷ raw | raw scan s | first sweep s | steady sweep s | steady ÷ scan | first ÷ scan | sweep peak MB |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    }

    /// <summary>One council's figures, all measured in this run.</summary>
    private sealed record CouncilFigures(long Rows, double RawUpsert, double Import, double Scan, double FirstSweep, double SteadySweep, double SweepPeakMegabytes);

    private static async Task MeasureAsync(string connection, int children)
    {
        // Large councils take minutes per phase against Azurite, so each phase says when it starts.
        var started = Stopwatch.StartNew();
        var f = await MeasureCouncilAsync(connection, new SyntheticCaseload(children, 1, Today).Generate(),
            phase => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"e2e {children:N0} children, {started.Elapsed:hh\\:mm\\:ss}: {phase}…")));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {children:N0} | {f.Rows:N0} | {f.RawUpsert:F1} | {f.Import:F1} | {f.Import / f.RawUpsert:F2} | {f.Scan:F2} | {f.FirstSweep:F2} | {f.SteadySweep:F2} | {f.SteadySweep / f.Scan:F2} | {f.FirstSweep / f.Scan:F2} | {f.SweepPeakMegabytes:F0} |"));
    }

    /// <summary>
    /// A region: many councils of realistic size, each swept by its own invocation as the fan-out does.
    /// Each council gets its own tables here because Azurite scans a whole table for every page of a
    /// partition query; Azure Table Storage does not, so this models Azure's per-partition cost.
    /// </summary>
    private static async Task<int> RegionAsync(int councils, int childrenPerCouncil)
    {
        var connection = Environment.GetEnvironmentVariable("CpAlerts__Tables__ConnectionString")
            ?? throw new InvalidOperationException("Run through scripts/bench.sh, which starts Azurite.");
        PrintHeader();
        var all = new List<CouncilFigures>();
        for (var c = 0; c < councils; c++)
        {
            all.Add(await MeasureCouncilAsync(connection, new SyntheticCaseload(childrenPerCouncil, 100 + c, Today).Generate()));
            if (c % 10 == 9)
            {
                Console.Error.WriteLine($"region: {c + 1} of {councils} councils done");
            }
        }

        var peak = all.Max(f => f.SweepPeakMegabytes);

        double raw = all.Sum(f => f.RawUpsert), import = all.Sum(f => f.Import), scan = all.Sum(f => f.Scan), first = all.Sum(f => f.FirstSweep), steady = all.Sum(f => f.SteadySweep);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {councils} × {childrenPerCouncil:N0} = {councils * childrenPerCouncil:N0} | {all.Sum(f => f.Rows):N0} | {raw:F1} | {import:F1} | {import / raw:F2} | {scan:F1} | {first:F1} | {steady:F1} | {steady / scan:F2} | {first / scan:F2} | {peak:F0} (per council invocation) |"));
        return 0;
    }

    /// <summary>Raw batched upserts vs import, a raw scan of the tables the sweep reads vs the first and the steady daily sweep, for one council in its own tables.</summary>
    private static async Task<CouncilFigures> MeasureCouncilAsync(string connection, CpAlerts.Application.Import.RecordExport export, Action<string>? phase = null)
    {
        var entities = CaseloadEntities.CaseloadOf("BENCH", export).DistinctBy(e => e.RowKey).ToList();

        // Raw: the same entities, batched upserts, nothing else.
        phase?.Invoke($"raw batched upserts of {entities.Count:N0} rows");
        var raw = Storage(connection, "r" + Guid.NewGuid().ToString("N")[..10]);
        await raw.EnsureTablesAsync();
        var watch = Stopwatch.StartNew();
        foreach (var batch in entities.GroupBy(e => e.PartitionKey).SelectMany(p => p.Chunk(CaseloadStore.BatchSize)))
        {
            await raw.Table(TableNames.Caseload).SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)));
        }

        var rawUpsert = watch.Elapsed.TotalSeconds;
        var prefix = "b" + Guid.NewGuid().ToString("N")[..10];
        var storage = Storage(connection, prefix);
        await storage.EnsureTablesAsync();
        var store = new CaseloadStore(storage);
        phase?.Invoke("import");
        watch.Restart();
        await store.ImportAsync("BENCH", export, deleteMissing: true);
        var import = watch.Elapsed.TotalSeconds;

        await store.ImportAsync(WarmUpCouncil, new SyntheticCaseload(20, 9, Today).Generate(), deleteMissing: true);
        phase?.Invoke("first sweep");
        var (first, firstPeak) = await SweepInOwnProcessAsync(connection, prefix, "first", SweepAt);

        // The raw scan reads what the sweep reads, once the first sweep has written its finding state.
        phase?.Invoke("raw scan");
        var (scanned, scan) = await ScanInOwnProcessAsync(connection, prefix);
        phase?.Invoke("steady sweep");
        var (steady, steadyPeak) = await SweepInOwnProcessAsync(connection, prefix, "steady", SweepAt + Duration.FromMinutes(1));
        return new CouncilFigures(scanned, rawUpsert, import, scan, first, steady, Math.Max(firstPeak, steadyPeak));
    }

    /// <summary>
    /// Plain queries over the same tables the sweep reads — the council's caseload and finding-state
    /// partitions and its staff — and nothing else. Returns the number of caseload rows.
    /// </summary>
    private static async Task<long> RawScanAsync(TableStorage storage, string council)
    {
        static async Task<long> CountAsync(TableClient table, string partitionKey)
        {
            long rows = 0;
            await foreach (var _ in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}")))
            {
                rows++;
            }

            return rows;
        }

        long caseloadRows = 0;
        foreach (var partition in CouncilPartition.AllOf(council))
        {
            caseloadRows += await CountAsync(storage.Table(TableNames.Caseload), partition.Key);
            await CountAsync(storage.Table(TableNames.Findings), partition.Key);
        }

        await CountAsync(storage.Table(TableNames.Staff), CaseloadEntities.StaffPartition(council));
        return caseloadRows;
    }

    /// <summary>
    /// The raw scan in a process of its own, warmed up and timed the same way as the sweep, so the ratio
    /// compares like with like (a scan in this long-running process would have tiered, profile-guided code).
    /// </summary>
    private static async Task<(long Rows, double Seconds)> ScanInOwnProcessAsync(string connection, string prefix)
    {
        var (output, _) = await RunSampledAsync([typeof(EndToEndFigures).Assembly.Location, "e2e", "scan", prefix], connection, prefix);
        var parts = output.Trim().Split(' ');
        return (long.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    /// <summary>The child process's side of <see cref="ScanInOwnProcessAsync"/>: caseload rows and seconds on standard output.</summary>
    private static async Task<int> ScanOnceAsync(string prefix)
    {
        var storage = Storage(Environment.GetEnvironmentVariable("CpAlerts__Tables__ConnectionString")!, prefix);
        await RawScanAsync(storage, WarmUpCouncil);
        var watch = Stopwatch.StartNew();
        var rows = await RawScanAsync(storage, "BENCH");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rows} {watch.Elapsed.TotalSeconds:R}"));
        return 0;
    }

    /// <summary>The child process's side of <see cref="SweepInOwnProcessAsync"/>: one daily sweep, its seconds on standard output.</summary>
    private static async Task<int> SweepOnceAsync(string prefix, string runId, Instant asOf)
    {
        var connection = Environment.GetEnvironmentVariable("CpAlerts__Tables__ConnectionString")!;
        var storage = Storage(connection, prefix);
        var sweep = new CouncilSweep(new CaseloadStore(storage), new FindingStateStore(storage), SweepSettings.Default("fallback@council.example"));
        await sweep.RunDailyAsync(WarmUpCouncil, asOf, runId); // so the timing leaves out JIT compilation, as the warm raw scan does
        var watch = Stopwatch.StartNew();
        var result = await sweep.RunDailyAsync("BENCH", asOf, runId);
        Console.WriteLine(watch.Elapsed.TotalSeconds.ToString("R", CultureInfo.InvariantCulture));
        Console.Error.WriteLine($"sweep {runId}: {result.Escalations.Count} escalation emails, {result.IhaRequests.Count} IHA requests, {result.OpenFindings} open findings");
        return 0;
    }

    /// <summary>
    /// One daily sweep in a process of its own, as one invocation runs it: the seconds it took (timed
    /// inside, so process start-up is left out) and the process's peak resident memory (VmHWM).
    /// </summary>
    private static async Task<(double Seconds, double PeakMegabytes)> SweepInOwnProcessAsync(string connection, string prefix, string runId, Instant asOf)
    {
        var (output, peak) = await RunSampledAsync(
            [typeof(EndToEndFigures).Assembly.Location, "e2e", "sweep", prefix, runId, InstantPattern.ExtendedIso.Format(asOf)], connection, prefix);
        return (double.Parse(output.Trim(), CultureInfo.InvariantCulture), peak);
    }

    /// <summary>Runs `dotnet ARGS` against the given tables, sampling its resident memory until it exits.</summary>
    private static async Task<(string Output, double PeakMegabytes)> RunSampledAsync(IEnumerable<string> args, string connection, string prefix)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["CpAlerts__Tables__ConnectionString"] = connection;
        start.Environment["CpAlerts__Tables__Prefix"] = prefix;
        start.Environment["DOTNET_TieredCompilation"] = "0"; // optimised code from the first call, like the warm parent's raw scan (and the ReadyToRun package)
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!process.HasExited)
        {
            try
            {
                var status = await File.ReadAllLinesAsync($"/proc/{process.Id}/status");
                var hwm = status.FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
                if (hwm is not null)
                {
                    peak = Math.Max(peak, long.Parse(hwm.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture));
                }
            }
            catch (IOException)
            {
                break; // exited between the check and the read
            }

            await Task.Delay(20);
        }

        await process.WaitForExitAsync();
        Console.Error.Write(await errors);
        return process.ExitCode == 0 ? (await output, peak / 1024.0) : throw new InvalidOperationException($"dotnet {string.Join(' ', args)} exited {process.ExitCode}");
    }

    private static async Task MeasureDeliveryAsync(string connection, int messages)
    {
        using var sendGrid = WireMockServer.Start();
        sendGrid.Given(Request.Create().WithPath("/v3/mail/send").UsingPost()).RespondWith(Response.Create().WithStatusCode(202));
        var storage = Storage(connection, "d" + Guid.NewGuid().ToString("N")[..10]);
        await storage.EnsureTablesAsync();
        var caseload = new CaseloadStore(storage);
        var export = new SyntheticCaseload(200, 2, Today).Generate();
        await caseload.ImportAsync("BENCH", export, deleteMissing: true);
        var settings = new DeliverySettings("cpalerts@council.example", "CpAlerts", "https://cases.example/children/{childId}",
            [], "fallback@council.example", EmailTemplates.DefaultFolder);
        var pipeline = DeliveryPipeline.Standard(caseload, new DeliveryLog(storage, Duration.FromMinutes(5)), new EmailTemplates(settings.TemplatesFolder),
            SendGridEmailSender.Create("SG.bench", settings.FromAddress, settings.FromName, sendGrid.Url, TimeSpan.FromSeconds(30)), settings, SystemClock.Instance);
        var content = new EmailContent(caseload, settings);
        var digests = await new CouncilSweep(caseload, new FindingStateStore(storage), SweepSettings.Default("fallback@council.example")).RunDigestAsync("BENCH", SweepAt);
        var envelopes = Enumerable.Range(0, messages).Select(i =>
        {
            var d = digests[i % digests.Count] with { MessageId = MessageSchema.IdFor("bench", i.ToString(CultureInfo.InvariantCulture)) };
            return new DeliveryEnvelope("BENCH", d.MessageId, EmailKind.Digest, d.Recipient, EmailAudience.SocialWorker, (name, ct) => content.DigestAsync(d, name, ct));
        }).ToList();

        var watch = Stopwatch.StartNew();
        foreach (var envelope in envelopes)
        {
            await pipeline.DeliverAsync(envelope, default);
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"delivery: {messages} digest emails resolved, deduplicated, rendered, sent to a SendGrid-shaped server and recorded in {watch.Elapsed.TotalSeconds:F1} s = {messages / watch.Elapsed.TotalSeconds:F0} emails/s (one at a time; Service Bus triggers run several at once)"));
    }
}
