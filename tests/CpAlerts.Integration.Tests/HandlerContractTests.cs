using System.Net;
using System.Text.Json.Nodes;
using CpAlerts.Adapters.Storage;
using CpAlerts.Application.Import;
using CpAlerts.Application.Ports;
using CpAlerts.Domain.Records;
using CpAlerts.Testing.LocalRun;
using NodaTime;

namespace CpAlerts.Integration.Tests;

public class HandlerContractTests
{
    internal static async Task<string> CouncilWithCaseloadAsync()
    {
        var council = Azurite.NewCouncil();
        var store = new CaseloadStore(await Azurite.StorageAsync());
        StaffMember[] staff =
        [
            new("SW1", "Worker", "sw1@council.example", StaffRole.SocialWorker, "TM1", "A"),
            new("TM1", "Manager", "tm1@council.example", StaffRole.TeamManager, "HOS1", "A"),
            new("HOS1", "Head", "hos@council.example", StaffRole.HeadOfService, null, null),
            new("HT1", "Health", "health@nhs.example", StaffRole.HealthTeam, null, null),
        ];
        var child = new Child("C1", "Test", "Child", new LocalDate(2015, 1, 1), LegalStatus.CareOrder, false, "N", ConsentStatus.Given, new LocalDate(2026, 11, 16), null, "SW1");
        await store.ImportAsync(council, new RecordExport([child], [.. staff], [], [], [], [], []), deleteMissing: true);
        await Azurite.GoLiveAsync(await Azurite.StorageAsync(), council, new LocalDate(2026, 11, 2));
        return council;
    }

    public static TheoryData<string, string, bool> TimerFirings => new()
    {
        // function, UTC firing, acts? — both UTC candidate hours, on ordinary and clock-change days
        { "DailySweep", "2026-07-15T05:00:00Z", true },   // 06:00 BST
        { "DailySweep", "2026-07-15T06:00:00Z", false },  // 07:00 BST
        { "DailySweep", "2026-12-15T05:00:00Z", false },  // 05:00 GMT
        { "DailySweep", "2026-12-15T06:00:00Z", true },   // 06:00 GMT
        { "DailySweep", "2026-03-29T05:00:00Z", true },   // clocks went forward at 01:00 UTC: 06:00 BST
        { "DailySweep", "2026-03-29T06:00:00Z", false },
        { "DailySweep", "2026-10-25T05:00:00Z", false },  // clocks went back at 01:00 UTC: 05:00 GMT
        { "DailySweep", "2026-10-25T06:00:00Z", true },
        { "WeeklyDigest", "2026-03-30T06:00:00Z", true }, // Monday after the spring change: 07:00 BST
        { "WeeklyDigest", "2026-03-30T07:00:00Z", false },
        { "WeeklyDigest", "2026-10-26T06:00:00Z", false }, // Monday after the autumn change: 06:00 GMT
        { "WeeklyDigest", "2026-10-26T07:00:00Z", true },
        { "WeeklyDigest", "2026-10-27T07:00:00Z", false }, // a Tuesday
        { "WeeklyDigest", "2026-12-28T07:00:00Z", false }, // bank holiday Monday (Boxing Day substitute)…
        { "WeeklyDigest", "2026-12-29T07:00:00Z", true },  // …so the Tuesday
        { "PublishScorecard", "2027-01-01T07:00:00Z", false }, // New Year's Day…
        { "PublishScorecard", "2027-01-04T07:00:00Z", true },  // …so the first working day after it
        { "PublishScorecard", "2026-07-01T06:00:00Z", true },  // 1st of the month, 07:00 BST
        { "PublishScorecard", "2026-07-01T07:00:00Z", false },
        { "PublishScorecard", "2026-12-01T07:00:00Z", true },  // 07:00 GMT
        { "PublishScorecard", "2026-12-02T07:00:00Z", false }, // not the 1st
    };

    [Theory]
    [MemberData(nameof(TimerFirings))]
    public async Task Timers_act_only_at_the_london_hour_whatever_the_utc_offset(string function, string utc, bool acts)
    {
        var council = await CouncilWithCaseloadAsync();
        await using var handler = await HandlerProcess.StartAsync();

        var (status, body) = await handler.InvokeAsync(function, HandlerProcess.TimerPayload(function, DateTimeOffset.Parse(utc, null)));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["Outputs", "Logs", "ReturnValue"], body.Select(p => p.Key));
        var sweeps = HandlerProcess.Outputs(body)["sweeps"]?.AsArray() ?? [];
        Assert.Equal(acts, sweeps.Any(s => (string?)s!["council"] == council));
        if (acts)
        {
            var request = sweeps.First(s => (string?)s!["council"] == council)!;
            var kind = function switch { "DailySweep" => "daily", "WeeklyDigest" => "digest", _ => "scorecard" };
            Assert.Equal((1, kind, utc), ((int)request["schemaVersion"]!, (string?)request["kind"], (string?)request["asOf"]));
        }
    }

    [Fact]
    public async Task Sweep_council_outputs_escalations_and_iha_requests_a_redelivery_repeats_them_and_a_rerun_sends_nothing()
    {
        var council = await CouncilWithCaseloadAsync();
        await using var handler = await HandlerProcess.StartAsync();
        var delivery = ServiceBusDelivery.First(SweepBody(council, "daily", "2026-11-27T06:00:00Z"));

        var (status, response) = await handler.InvokeAsync("SweepCouncil", HandlerProcess.ServiceBusPayload("SweepCouncil", delivery));

        Assert.Equal(HttpStatusCode.OK, status);
        var iha = Assert.Single(HandlerProcess.Outputs(response)["ihaRequests"]!.AsArray())!;
        Assert.Equal(("C1", "2026-12-14", "HT1"), ((string?)iha["childId"], (string?)iha["ihaDueDate"], (string?)iha["recipient"]!["staffId"]));
        var escalations = HandlerProcess.Outputs(response)["escalations"]!.AsArray();
        var escalation = Assert.Single(escalations, e => e!["purpose"] is null)!; // IHA request 3 days late: the team manager
        Assert.Equal("TM1", (string?)escalation["recipient"]!["staffId"]);
        var today = Assert.Single(escalations, e => (string?)e!["purpose"] == "SameDay")!; // and the social worker the same day, not on Monday
        Assert.Equal("SW1", (string?)today["recipient"]!["staffId"]);
        Assert.Equal(32, ((string?)escalation["messageId"])!.Length);
        Assert.DoesNotContain("Test", response.ToJsonString(), StringComparison.Ordinal); // no names in messages

        // The host could not send those outputs: Service Bus redelivers the identical body, and the same messages come out.
        var (_, redelivered) = await handler.InvokeAsync("SweepCouncil", HandlerProcess.ServiceBusPayload("SweepCouncil", delivery.Redelivered()));
        Assert.Equal(MessageIds(response), MessageIds(redelivered));

        // Another sweep minutes later finds everything claimed (and within the outbox's grace period redrives nothing).
        var (_, rerun) = await handler.InvokeAsync("SweepCouncil", HandlerProcess.ServiceBusPayload("SweepCouncil", SweepBody(council, "daily", "2026-11-27T06:05:00Z")));
        Assert.Empty(MessageIds(rerun));
    }

    [Fact]
    public async Task A_sweep_older_than_the_latest_completed_one_changes_nothing()
    {
        var council = await CouncilWithCaseloadAsync();
        await using var handler = await HandlerProcess.StartAsync();
        var (_, today) = await handler.InvokeAsync("SweepCouncil", HandlerProcess.ServiceBusPayload("SweepCouncil", SweepBody(council, "daily", "2026-11-27T06:00:00Z")));
        Assert.NotEmpty(MessageIds(today));

        // A replayed message from before the child's IHA request was late: it would close that finding.
        var (status, stale) = await handler.InvokeAsync("SweepCouncil", HandlerProcess.ServiceBusPayload("SweepCouncil", SweepBody(council, "daily", "2026-11-18T06:00:00Z")));

        Assert.Equal(HttpStatusCode.OK, status); // completed, not retried for ever
        Assert.Empty(HandlerProcess.Outputs(stale).AsObject());
        Assert.Contains("older than the latest completed sweep", (string?)stale["Logs"]![0], StringComparison.Ordinal);
        var states = new FindingStateStore(await Azurite.StorageAsync());
        var partition = await states.ReadPartitionAsync(CouncilPartition.Of(council, "C1"));
        Assert.NotEmpty(partition);
        Assert.All(partition.Values, s => Assert.True(s.Open));

        // The next day's sweep's news is only what is new: the IHA request finding rose to level 2 (head of service). With it go
        // the 27th's messages again, which delivery never recorded here (the outbox's redrive), the same ids.
        var (_, next) = await handler.InvokeAsync("SweepCouncil", HandlerProcess.ServiceBusPayload("SweepCouncil", SweepBody(council, "daily", "2026-11-28T06:00:00Z")));
        var escalations = HandlerProcess.Outputs(next)["escalations"]!.AsArray();
        Assert.Equal(["HOS1"], escalations.Where(e => (string?)e!["period"] == "2026-11-28").Select(e => (string?)e!["recipient"]!["staffId"]));
        Assert.Equal(MessageIds(today), [.. MessageIds(next).Except(escalations.Where(e => (string?)e!["period"] == "2026-11-28").Select(e => (string)e!["messageId"]!)).Order(StringComparer.Ordinal)]);
    }

    [Fact]
    public async Task Every_service_bus_function_accepts_the_hosts_encoding_and_a_dead_letter_replayed_from_the_portal()
    {
        var council = await CouncilWithCaseloadAsync();
        await using var handler = await HandlerProcess.StartAsync();
        var (_, daily) = await handler.InvokeAsync("SweepCouncil", HandlerProcess.ServiceBusPayload("SweepCouncil", SweepBody(council, "daily", "2026-11-27T06:00:00Z")));
        var (_, digest) = await handler.InvokeAsync("SweepCouncil", HandlerProcess.ServiceBusPayload("SweepCouncil", SweepBody(council, "digest", "2026-11-30T07:00:00Z")));
        var (_, scorecard) = await handler.InvokeAsync("SweepCouncil", HandlerProcess.ServiceBusPayload("SweepCouncil", SweepBody(council, "scorecard", "2026-12-01T07:00:00Z")));
        (string Function, JsonNode Body)[] messages =
        [
            ("DeliverEscalation", HandlerProcess.Outputs(daily)["escalations"]![0]!),
            ("NotifyHealthTeam", HandlerProcess.Outputs(daily)["ihaRequests"]![0]!),
            ("DeliverDigest", HandlerProcess.Outputs(digest)["digests"]![0]!),
            ("DeliverScorecard", HandlerProcess.Outputs(scorecard)["scorecards"]![0]!),
            ("DeliverReport", HandlerProcess.Outputs(digest)["reports"]![0]!),
        ];

        foreach (var (function, body) in messages)
        {
            var first = ServiceBusDelivery.First(body.ToJsonString());
            var (status, response) = await handler.InvokeAsync(function, HandlerProcess.ServiceBusPayload(function, first));
            Assert.True(status == HttpStatusCode.OK, $"{function}: {status} {response}");
            Assert.Contains(": delivered:", (string?)response["Logs"]![0], StringComparison.Ordinal);

            // An operator re-sends it from Service Bus Explorer: an AMQP string body, quoted once more.
            var replayed = ServiceBusDelivery.First(body.ToJsonString()) with { AmqpStringBody = true };
            (status, response) = await handler.InvokeAsync(function, HandlerProcess.ServiceBusPayload(function, replayed));
            Assert.True(status == HttpStatusCode.OK, $"{function} replayed: {status} {response}");
            Assert.Contains(": duplicate:", (string?)response["Logs"]![0], StringComparison.Ordinal); // read, recognised, not sent twice
        }
    }

    [Fact]
    public async Task A_timer_firing_a_little_early_does_the_days_work_as_of_the_scheduled_time()
    {
        var council = await CouncilWithCaseloadAsync();
        await using var handler = await HandlerProcess.StartAsync();
        var occurrence = DateTimeOffset.Parse("2026-12-15T06:00:00Z", null);
        var firing = new TimerFiring(occurrence, FiredAt: occurrence.AddMilliseconds(-300), Last: occurrence.AddDays(-1));

        var (status, body) = await handler.InvokeAsync("DailySweep", HostInvocations.Timer("DailySweep", "timer", firing));

        Assert.Equal(HttpStatusCode.OK, status);
        var request = Assert.Single(HandlerProcess.Outputs(body)["sweeps"]!.AsArray(), s => (string?)s!["council"] == council)!;
        Assert.Equal("2026-12-15T06:00:00Z", (string?)request["asOf"]);
    }

    [Fact]
    public async Task A_past_due_firing_after_the_london_hour_catches_up_once()
    {
        var council = await CouncilWithCaseloadAsync();
        await using var handler = await HandlerProcess.StartAsync();
        // The host was down from 04:30 to 08:05 UTC on a winter day: both candidate hours were missed; the
        // listener fires once, past due, with the first missed occurrence as Next.
        var missed = new TimerFiring(DateTimeOffset.Parse("2026-12-15T05:00:00Z", null), DateTimeOffset.Parse("2026-12-15T08:05:00Z", null),
            IsPastDue: true, Last: DateTimeOffset.Parse("2026-12-14T06:00:00Z", null));

        var (_, first) = await handler.InvokeAsync("DailySweep", HostInvocations.Timer("DailySweep", "timer", missed));
        var request = Assert.Single(HandlerProcess.Outputs(first)["sweeps"]!.AsArray(), s => (string?)s!["council"] == council)!;
        Assert.Equal("2026-12-15T06:00:00Z", (string?)request["asOf"]); // today's 06:00 London run
        var (swept, _) = await handler.InvokeAsync("SweepCouncil", HandlerProcess.ServiceBusPayload("SweepCouncil", request.ToJsonString(), utcNow: missed.FiredAt));
        Assert.Equal(HttpStatusCode.OK, swept);

        // A second restart the same morning: today's run has completed, so nothing is queued again.
        var (_, second) = await handler.InvokeAsync("DailySweep", HostInvocations.Timer("DailySweep", "timer", missed with { FiredAt = missed.FiredAt.AddMinutes(30) }));
        Assert.DoesNotContain(HandlerProcess.Outputs(second)["sweeps"]!.AsArray(), s => (string?)s!["council"] == council);
    }

    private static string SweepBody(string council, string kind, string asOf) =>
        new JsonObject { ["schemaVersion"] = 1, ["council"] = council, ["kind"] = kind, ["asOf"] = asOf }.ToJsonString();

    private static List<string> MessageIds(JsonObject response) =>
        [.. HandlerProcess.Outputs(response).SelectMany(o => o.Value?.AsArray() ?? []).Select(m => (string)m!["messageId"]!).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task A_scorecard_published_after_a_bank_holiday_still_covers_last_month()
    {
        var council = await CouncilWithCaseloadAsync();
        await using var handler = await HandlerProcess.StartAsync();

        var (_, response) = await handler.InvokeAsync("SweepCouncil", HandlerProcess.ServiceBusPayload("SweepCouncil", SweepBody(council, "scorecard", "2027-01-04T07:00:00Z"),
            utcNow: DateTimeOffset.Parse("2027-01-04T07:00:01Z", System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal("2026-12-31", (string?)Assert.Single(HandlerProcess.Outputs(response)["scorecards"]!.AsArray())!["periodEnd"]);
    }

    [Fact]
    public async Task Digest_sweep_outputs_one_digest_per_worker()
    {
        var council = await CouncilWithCaseloadAsync();
        await using var handler = await HandlerProcess.StartAsync();
        var (_, response) = await handler.InvokeAsync("SweepCouncil", HandlerProcess.ServiceBusPayload("SweepCouncil", SweepBody(council, "digest", "2026-11-30T07:00:00Z")));

        var digest = Assert.Single(HandlerProcess.Outputs(response)["digests"]!.AsArray())!;
        Assert.Equal(("SW1", "2026-11-30"), ((string?)digest["recipient"]!["staffId"], (string?)digest["weekOf"]));

        // With the digests, the weekly IHA request report: C1 entered care on 16 November and is in its window.
        var reports = HandlerProcess.Outputs(response)["reports"]!.AsArray();
        Assert.Equal(["HOS1/all", "HT1/all", "TM1/TM1"], reports.Select(r => $"{(string?)r!["recipient"]!["staffId"]}/{(string?)r["teamOf"] ?? "all"}").Order());
        Assert.DoesNotContain("Test", reports.ToJsonString(), StringComparison.Ordinal); // no names or personal values in queues
    }

    [Theory]
    [InlineData("SweepCouncil", "not json at all")]
    [InlineData("SweepCouncil", "{\"schemaVersion\":99,\"council\":\"X\",\"kind\":\"daily\",\"asOf\":\"2026-11-27T06:00:00Z\"}")]
    [InlineData("SweepCouncil", "{\"schemaVersion\":1,\"kind\":\"daily\",\"asOf\":\"2026-11-27T06:00:00Z\"}")]
    [InlineData("SweepCouncil", "{\"schemaVersion\":1,\"council\":\"X\",\"kind\":\"hourly\",\"asOf\":\"2026-11-27T06:00:00Z\"}")]
    [InlineData("SweepCouncil", "[1,2,3]")]
    [InlineData("DeliverDigest", "{\"schemaVersion\":1,\"messageId\":\"m\",\"council\":\"X\",\"weekOf\":\"2026-11-23\",\"recipient\":{\"staffId\":\"S1\",\"fallback\":false},\"items\":[]}")]
    [InlineData("DeliverEscalation", "{\"schemaVersion\":1,\"messageId\":\"m\"}")]
    [InlineData("NotifyHealthTeam", "\u0000\u0001garbage")]
    [InlineData("NotifyHealthTeam", "{\"schemaVersion\":\"1\"}")]
    public async Task Messages_that_are_not_our_schema_fail_with_a_reason_and_the_handler_keeps_serving(string function, string body)
    {
        await using var handler = await HandlerProcess.StartAsync();

        var (status, response) = await handler.InvokeAsync(function, HandlerProcess.ServiceBusPayload(function, body));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("rejected", (string?)response["Logs"]![0], StringComparison.Ordinal);
        var (after, _) = await handler.InvokeAsync("DailySweep", HandlerProcess.TimerPayload("DailySweep", DateTimeOffset.Parse("2026-12-15T05:00:00Z", null)));
        Assert.Equal(HttpStatusCode.OK, after);
    }

    [Fact]
    public async Task Every_function_folder_has_a_handler_endpoint()
    {
        await using var handler = await HandlerProcess.StartAsync();
        var folders = Directory.GetDirectories(AppContext.BaseDirectory).Where(d => File.Exists(Path.Combine(d, "function.json"))).Select(Path.GetFileName).ToList();
        Assert.NotEmpty(folders);
        foreach (var folder in folders)
        {
            var trigger = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, folder!, "function.json")))!["bindings"]![0]!;
            if ((string?)trigger["type"] == "httpTrigger")
            {
                // Forwarded as the browser sent it, to /{route} (enableForwardingHttpRequest; host.json's routePrefix is empty): each
                // method reaches one of our pages (here "not switched on", as sign-in is off), not the router's empty 404 or 405.
                foreach (var method in trigger["methods"]!.AsArray().Select(m => (string)m!))
                {
                    using var response = await handler.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), $"/{((string)trigger["route"]!).TrimStart('/')}"));
                    Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
                }

                if (trigger["methods"]!.AsArray().Any(m => (string?)m == "get"))
                {
                    // Newer hosts route HEAD to every GET function and forward it (WebScriptHostHttpRoutesManager.BuildConstraintMethods).
                    using var head = await handler.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/{((string)trigger["route"]!).TrimStart('/')}"));
                    Assert.NotEqual(HttpStatusCode.MethodNotAllowed, head.StatusCode);
                    Assert.Equal("text/html", head.Content.Headers.ContentType?.MediaType);
                }

                continue;
            }

            var (status, _) = await handler.InvokeAsync(folder!, new JsonObject { ["Data"] = new JsonObject(), ["Metadata"] = new JsonObject() }.ToJsonString());
            Assert.NotEqual(HttpStatusCode.NotFound, status);
        }
    }

    [Fact]
    public async Task Serve_refuses_to_start_and_names_every_bad_setting()
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CpAlerts.dll"));
        start.ArgumentList.Add("serve");
        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = "not-a-port";
        start.Environment["CpAlerts__Tables__ConnectionString"] = "";
        start.Environment["CpAlerts__FallbackMailbox"] = "";
        start.Environment["CpAlerts__Policy__DueSoonWindowDays"] = "-3";
        using var process = System.Diagnostics.Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        foreach (var setting in new[] { "FUNCTIONS_CUSTOMHANDLER_PORT", "CpAlerts__FallbackMailbox", "CpAlerts__Policy__DueSoonWindowDays", "CpAlerts__Tables__ConnectionString" })
        {
            Assert.Contains(setting, stderr, StringComparison.Ordinal);
        }

        // The mail service and the email settings are delivery's alone: without them the handler starts, and only deliveries fail (issue 28).
        Assert.DoesNotContain("CpAlerts__SendGrid__ApiKey", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("CpAlerts__Email__FromAddress", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_sendgrid_key_an_unresolved_key_vault_reference_the_timers_run_and_deliveries_fail_as_a_configuration_error()
    {
        var council = await CouncilWithCaseloadAsync();
        await using var handler = await HandlerProcess.StartAsync(new Dictionary<string, string>
        {
            ["CpAlerts__SendGrid__ApiKey"] = "@Microsoft.KeyVault(VaultName=kv-cpalerts;SecretName=sendgrid-api-key)",
        });

        var (timer, _) = await handler.InvokeAsync("DailySweep", HandlerProcess.TimerPayload("DailySweep", DateTimeOffset.Parse("2026-11-27T06:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.OK, timer);
        var (swept, response) = await handler.InvokeAsync("SweepCouncil", HandlerProcess.ServiceBusPayload("SweepCouncil", SweepBody(council, "daily", "2026-11-27T06:00:00Z")));
        Assert.Equal(HttpStatusCode.OK, swept);

        var escalation = HandlerProcess.Outputs(response)["escalations"]![0]!;
        var invocation = Guid.NewGuid();
        var (delivered, _) = await handler.InvokeAsync("DeliverEscalation", HandlerProcess.ServiceBusPayload("DeliverEscalation", escalation.ToJsonString()), invocation);

        Assert.NotEqual(HttpStatusCode.OK, delivered); // no Service Bus namespace here to schedule a retry on: Service Bus keeps the message
        await Task.Delay(200); // let the process flush its console
        Assert.Contains(handler.Output.Split('\n'), l => l.StartsWith("fail:", StringComparison.Ordinal) && l.Contains("configuration error", StringComparison.Ordinal)
            && l.Contains($"DeliverEscalation invocation {invocation}", StringComparison.Ordinal) && l.Contains("Key Vault", StringComparison.Ordinal));
        // And at start, before any email: the operators' log alert fires on it.
        Assert.Contains(handler.Output.Split('\n'), l => l.Contains("No email can be sent (configuration error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_sweep_message_dated_a_month_ahead_is_refused_and_the_next_real_sweep_runs()
    {
        var council = await CouncilWithCaseloadAsync();
        await using var handler = await HandlerProcess.StartAsync();
        var now = DateTimeOffset.Parse("2026-11-27T06:00:02Z", System.Globalization.CultureInfo.InvariantCulture);

        var (status, _) = await handler.InvokeAsync("SweepCouncil", HandlerProcess.ServiceBusPayload("SweepCouncil", SweepBody(council, "daily", "2026-12-27T06:00:00Z"), utcNow: now));

        Assert.Equal(HttpStatusCode.BadRequest, status); // rejected: dead-lettered after its deliveries, never recorded
        await Task.Delay(200);
        Assert.Contains(handler.Output.Split('\n'), l => l.StartsWith("fail:", StringComparison.Ordinal) && l.Contains("later than the host's clock", StringComparison.Ordinal));
        var (real, today) = await handler.InvokeAsync("SweepCouncil", HandlerProcess.ServiceBusPayload("SweepCouncil", SweepBody(council, "daily", "2026-11-27T06:00:00Z"), utcNow: now));
        Assert.Equal(HttpStatusCode.OK, real);
        Assert.NotEmpty(MessageIds(today)); // not "older than the latest completed sweep"
    }

    [Fact]
    public async Task A_council_code_in_lower_case_is_the_same_council()
    {
        var council = await CouncilWithCaseloadAsync();
        await using var handler = await HandlerProcess.StartAsync();

        var (_, lower) = await handler.InvokeAsync("SweepCouncil", HandlerProcess.ServiceBusPayload("SweepCouncil", SweepBody(council.ToLowerInvariant(), "daily", "2026-11-27T06:00:00Z")));
        var (_, upper) = await handler.InvokeAsync("SweepCouncil", HandlerProcess.ServiceBusPayload("SweepCouncil", SweepBody(council, "daily", "2026-11-27T06:00:00Z")));

        Assert.NotEmpty(MessageIds(lower)); // the council's records were found
        Assert.Equal(MessageIds(lower), MessageIds(upper)); // one council: the same claims, the same sweep, the same messages
        Assert.All(HandlerProcess.Outputs(lower)["escalations"]!.AsArray(), m => Assert.Equal(council, (string?)m!["council"]));
    }

    [Fact]
    public async Task The_daily_purge_runs_as_a_timer_and_says_what_it_deleted()
    {
        await using var handler = await HandlerProcess.StartAsync();

        var (status, body) = await handler.InvokeAsync("PurgeOldRecords", HandlerProcess.TimerPayload("PurgeOldRecords", DateTimeOffset.Parse("2026-12-02T02:30:00Z", null)));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("purge: ", (string?)body["Logs"]![0], StringComparison.Ordinal);
    }
}
