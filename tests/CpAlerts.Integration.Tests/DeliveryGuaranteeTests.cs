using System.Net;
using System.Text.Json.Nodes;
using CpAlerts.Adapters.Email;
using CpAlerts.Adapters.Storage;
using CpAlerts.Application.Configuration;
using CpAlerts.Application.Import;
using CpAlerts.Application.Ports;
using CpAlerts.Domain.Records;
using CpAlerts.Functions.Handler;
using CpAlerts.Testing.LocalRun;
using CpAlerts.Testing.Synthetic;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using NodaTime;

namespace CpAlerts.Integration.Tests;

/// <summary>
/// What is claimed is sent (issue 27): every message fits Service Bus, a day whose outputs never reached Service Bus is
/// sent by a later sweep, and a mail-service outage waits in scheduled copies instead of dead-lettering. The real handler,
/// Azurite, and the local stand-in for the host and Service Bus, which refuses oversized messages and plays scheduled
/// enqueue and duplicate detection as Service Bus does.
/// </summary>
public class DeliveryGuaranteeTests
{
    private static readonly LocalDate GoLive = new(2026, 12, 3);

    /// <summary>The real handler in this process, with the stand-in as its Service Bus for retries and as the host's clock.</summary>
    private sealed class Pipeline : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly HttpClient _http;

        private Pipeline(WebApplication app, HttpClient http, LocalDispatcher dispatcher, FlakyMailService mail, DeliveryLog log)
        {
            (_app, _http, Dispatcher, Mail, Log) = (app, http, dispatcher, mail, log);
        }

        public LocalDispatcher Dispatcher { get; }

        public FlakyMailService Mail { get; }

        public DeliveryLog Log { get; }

        public static async Task<Pipeline> StartAsync(IConfiguration configuration, Duration? outage = null, int maxMessageBytes = LocalDispatcher.StandardMaxMessageBytes)
        {
            var settings = HandlerSettings.Read(configuration, HandlerProcess.FreePort());
            var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{settings.Port}/"), Timeout = TimeSpan.FromMinutes(5) };
            var dispatcher = new LocalDispatcher(http, FunctionBindings.ReadAll(AppContext.BaseDirectory), Path.Combine(Path.GetTempPath(), "cpalerts-dlq-" + Guid.NewGuid().ToString("N")[..8]))
            {
                MaxMessageBytes = maxMessageBytes,
                StartsAt = LondonTime(GoLive, 5, 0).ToDateTimeOffset(), // the morning of the go-live, whatever today is
            };
            var from = LondonTime(GoLive, 5, 59);
            var mail = new FlakyMailService(MailServices.Create(settings.MailService, settings.Delivery), everyNth: 0) { Outage = outage is { } o ? (from, from + o) : null, Clock = dispatcher };
            // The handler's own clock is the stand-in's, as sys.UtcNow is: delivery records and retry times on one time line.
            var app = await HandlerApp.BuildAsync(settings, configuration, dispatcher, mail, dispatcher);
            await app.StartAsync();
            return new Pipeline(app, http, dispatcher, mail, new DeliveryLog(TableStorage.FromConfiguration(configuration), settings.DeliveryLease));
        }

        /// <summary>The council's sweep as the fan-out queues it, and everything it leads to, until nothing is left.</summary>
        public async Task SweepAsync(string council, LocalDate day)
        {
            Dispatcher.AdvanceTo(LondonTime(day, 6, 0).ToDateTimeOffset()); // the fan-out queues it at 06:00
            Dispatcher.Send("SweepCouncil", new JsonObject { ["schemaVersion"] = 1, ["council"] = council, ["kind"] = "daily", ["asOf"] = LondonTime(day, 6, 0).ToString() }.ToJsonString());
            await Dispatcher.DrainAsync(null, default);
        }

        /// <summary>Every email message the sweeps answered with (sent or not), by id.</summary>
        public Dictionary<string, JsonObject> Answered() => Dispatcher.Answered
            .Select(a => JsonNode.Parse(a.Body)!.AsObject()).GroupBy(m => (string)m["messageId"]!).ToDictionary(g => g.Key, g => g.First());

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _http.Dispose();
        }
    }

    private static Instant LondonTime(LocalDate day, int hour, int minute) => Domain.Calendar.LondonTime.ToInstant(day.At(new LocalTime(hour, minute)));

    private static IConfiguration Settings(params (string, string)[] extra) => Azurite.Configuration([
        ("CpAlerts:FallbackMailbox", HandlerProcess.Fallback),
        ("CpAlerts:Email:FromAddress", "cpalerts@council.example"),
        ("CpAlerts:Email:Outbox", Path.Combine(Path.GetTempPath(), "cpalerts-guarantee-" + Guid.NewGuid().ToString("N")[..8])),
        ("Logging:LogLevel:Default", "Error"),
        .. extra]);

    /// <summary>
    /// A council of <paramref name="children"/> children in care since 2025-06-02 whose only open timescale is the dental
    /// check, a year and a half overdue: each one an item for the social worker, the team manager and the dental adviser.
    /// </summary>
    private static async Task<string> DentalCouncilAsync(int children)
    {
        var council = Azurite.NewCouncil();
        var entered = new LocalDate(2025, 6, 2);
        var ids = Enumerable.Range(1, children).Select(i => $"C{i:D5}").ToList();
        await new CaseloadStore(await Azurite.StorageAsync()).ImportAsync(council, new RecordExport(
            [.. ids.Select(id => new Child(id, "Synthetic", "Child", new LocalDate(2014, 3, 1), LegalStatus.CareOrder, false, "N", ConsentStatus.Given, entered, null, "SW1"))],
            [
                new("SW1", "Worker", "sw1@council.example", StaffRole.SocialWorker, "TM1", "A"),
                new("TM1", "Manager", "tm1@council.example", StaffRole.TeamManager, "HOS1", "A"),
                new("HOS1", "Head", "hos@council.example", StaffRole.HeadOfService, null, null),
                new("DA1", "Dental", "dental@nhs.example", StaffRole.DentalAdviser, null, null),
                new("HT1", "Health", "health@nhs.example", StaffRole.HealthTeam, null, null),
            ],
            [.. ids.SelectMany(id => new HealthAssessment[] { new(id, AssessmentType.Iha, entered.PlusDays(2), entered.PlusDays(10)), new(id, AssessmentType.Rha, null, new LocalDate(2026, 10, 1)) })],
            [],
            [.. ids.Select(id => new Review(id, entered.PlusDays(60), true))],
            [],
            []), deleteMissing: true);
        return council;
    }

    [Fact]
    public async Task A_go_live_with_5000_items_for_one_recipient_sends_them_all_and_no_message_is_over_the_limit()
    {
        var council = await DentalCouncilAsync(5000);
        await using var pipeline = await Pipeline.StartAsync(Settings());

        await pipeline.SweepAsync(council, GoLive);

        Assert.Equal(0, pipeline.Dispatcher.Counts.RefusedAsTooLarge);
        Assert.Equal(0, pipeline.Dispatcher.Counts.DeadLettered);
        Assert.All(pipeline.Dispatcher.Answered, a => Assert.True(System.Text.Encoding.UTF8.GetByteCount(a.Body) <= MessageOptions.Default.BudgetBytes));
        var adviser = pipeline.Answered().Values.Where(m => (string?)m["recipient"]!["staffId"] == "DA1").ToList();
        Assert.True(adviser.Count > 1, "5,000 items should not fit in one message");
        var items = adviser.SelectMany(m => m["items"]!.AsArray()).Select(i => (string)i!["findingKey"]!).ToList();
        Assert.Equal(5000, items.Distinct().Count());
        Assert.Equal(5000, items.Count); // each once
        foreach (var message in adviser)
        {
            Assert.Equal(DeliveryStatus.Sent, await pipeline.Log.StatusAsync(council, (string)message["messageId"]!));
        }

        Assert.Equal(pipeline.Answered().Count, pipeline.Mail.Sent.Count); // every part an email, each once
        Assert.All(pipeline.Mail.Sent.Values, n => Assert.Equal(1, n));
    }

    [Fact]
    public async Task The_stand_in_refuses_a_message_over_the_brokers_limit_so_a_budget_above_it_fails_the_sweep()
    {
        var council = await DentalCouncilAsync(200);
        // A broker that takes 16 KB and a budget of 64 KB: what production would be with a budget set above 256 KB.
        await using var careless = await Pipeline.StartAsync(Settings((MessageOptions.BudgetSetting, "64")), maxMessageBytes: 16 * 1024);

        await careless.SweepAsync(council, GoLive);

        Assert.True(careless.Dispatcher.Counts.RefusedAsTooLarge > 0);
        Assert.Equal(1, careless.Dispatcher.Counts.DeadLettered); // the sweep, after ten deliveries: what issue 27 found

        // Within the budget under the limit, the same go-live goes out in parts.
        var again = await DentalCouncilAsync(200);
        await using var careful = await Pipeline.StartAsync(Settings((MessageOptions.BudgetSetting, "12")), maxMessageBytes: 16 * 1024);
        await careful.SweepAsync(again, GoLive);
        Assert.Equal(0, careful.Dispatcher.Counts.RefusedAsTooLarge);
        Assert.Equal(0, careful.Dispatcher.Counts.DeadLettered);
        Assert.Contains(careful.Answered().Values, m => m["part"] is not null);
    }

    [Fact]
    public async Task A_mail_service_outage_of_an_hour_loses_nothing_sends_nothing_twice_and_dead_letters_nothing()
    {
        var council = Azurite.NewCouncil();
        await new CaseloadStore(await Azurite.StorageAsync()).ImportAsync(council, new SyntheticCaseload(120, 7, GoLive).Generate(), deleteMissing: true);
        await using var pipeline = await Pipeline.StartAsync(Settings(), outage: Duration.FromHours(1));

        await pipeline.SweepAsync(council, GoLive);

        Assert.True(pipeline.Mail.RefusedDuringOutage > 0, "nothing was refused: the test proved nothing");
        Assert.True(pipeline.Dispatcher.Counts.Scheduled > 0);
        Assert.Equal(0, pipeline.Dispatcher.Counts.DeadLettered);
        Assert.Equal(0, pipeline.Dispatcher.Counts.Retried); // no invocation failed: the waits were scheduled copies
        foreach (var id in pipeline.Answered().Keys)
        {
            Assert.Equal(DeliveryStatus.Sent, await pipeline.Log.StatusAsync(council, id));
        }

        Assert.All(pipeline.Mail.Sent.Values, n => Assert.Equal(1, n));
        Assert.True(pipeline.Dispatcher.Now >= LondonTime(GoLive, 6, 59).ToDateTimeOffset()); // sent after the outage, by the schedule
    }

    [Fact]
    public async Task An_outage_longer_than_the_retry_schedule_reroutes_each_email_as_undeliverable_once_the_mail_service_is_back()
    {
        var council = Azurite.NewCouncil();
        await new CaseloadStore(await Azurite.StorageAsync()).ImportAsync(council, new SyntheticCaseload(40, 3, GoLive).Generate(), deleteMissing: true);
        // Attempts at 0, 1, 3, 7 minutes; then undeliverable, and its notice tried every 4 minutes until it goes.
        await using var pipeline = await Pipeline.StartAsync(
            Settings((RetrySchedule.AttemptsSetting, "4"), (RetrySchedule.MaxDelaySetting, "4")), outage: Duration.FromMinutes(20));

        await pipeline.SweepAsync(council, GoLive);

        Assert.Equal(0, pipeline.Dispatcher.Counts.DeadLettered);
        var ids = pipeline.Answered().Keys.ToList();
        Assert.NotEmpty(ids);
        foreach (var id in ids)
        {
            Assert.Equal(DeliveryStatus.Failed, await pipeline.Log.StatusAsync(council, id)); // recorded undeliverable, not lost
        }

        Assert.True(pipeline.Mail.Sent.Count >= ids.Count); // every one re-routed to the fallback mailbox (and managers), each once
        Assert.All(pipeline.Mail.Sent.Values, n => Assert.Equal(1, n));
    }

    [Fact]
    public async Task Outputs_lost_for_a_whole_day_are_sent_by_the_next_daily_sweep_with_the_same_ids_and_bodies_and_only_until_delivery_has_them()
    {
        var council = await HandlerContractTests.CouncilWithCaseloadAsync();
        await using var handler = await HandlerProcess.StartAsync();

        // 27 Nov: the sweep answers, and the host never gets its outputs onto Service Bus (each redelivery likewise).
        var lost = Bodies(await SweepAsync(handler, council, "2026-11-27T06:00:00Z"));
        Assert.NotEmpty(lost);
        Assert.Equal(lost, Bodies(await SweepAsync(handler, council, "2026-11-27T06:00:00Z"))); // a redelivery: the same, nothing more

        // 28 Nov: that day's news, and the lost day's messages again, byte for byte.
        var next = Bodies(await SweepAsync(handler, council, "2026-11-28T06:00:00Z"));
        Assert.Subset(next.ToHashSet(), lost.ToHashSet());
        Assert.True(next.Count > lost.Count); // the IHA request finding reached the head of service today

        // A re-run inside the grace period sends nothing twice.
        Assert.Empty(Bodies(await SweepAsync(handler, council, "2026-11-28T06:30:00Z")));

        // Delivery records them all; the next day nothing of them is sent again.
        foreach (var body in next)
        {
            var function = JsonNode.Parse(body)!["ihaDueDate"] is null ? "DeliverEscalation" : "NotifyHealthTeam";
            var (status, _) = await handler.InvokeAsync(function, HandlerProcess.ServiceBusPayload(function, body));
            Assert.Equal(HttpStatusCode.OK, status);
        }

        Assert.DoesNotContain(Bodies(await SweepAsync(handler, council, "2026-11-29T06:00:00Z")), next.Contains);
    }

    private static async Task<JsonObject> SweepAsync(HandlerProcess handler, string council, string asOf)
    {
        var body = new JsonObject { ["schemaVersion"] = 1, ["council"] = council, ["kind"] = "daily", ["asOf"] = asOf }.ToJsonString();
        var (status, response) = await handler.InvokeAsync("SweepCouncil", HandlerProcess.ServiceBusPayload("SweepCouncil", body));
        Assert.Equal(HttpStatusCode.OK, status);
        return response;
    }

    /// <summary>The message bodies of an answer, as the host sends them (each a JSON string element: the body as it is).</summary>
    private static List<string> Bodies(JsonObject response) =>
        [.. (response["Outputs"] as JsonObject ?? []).SelectMany(o => o.Value!.AsArray()).Select(m => (string)m!).Order(StringComparer.Ordinal)];
}
