using System.Net;
using System.Text.Json.Nodes;
using CpAlerts.Adapters.Storage;
using CpAlerts.Application.Configuration;
using CpAlerts.Application.Ports;
using CpAlerts.Testing.LocalRun;
using CpAlerts.Testing.Synthetic;
using Microsoft.Extensions.Configuration;
using NodaTime;

namespace CpAlerts.Integration.Tests;

/// <summary>Processes and servers dying at bad moments: nothing lost, nothing sent twice beyond the one documented window.</summary>
public class FaultTests
{
    private static readonly LocalDate Today = new(2026, 11, 23);

    [Fact]
    public async Task Storage_restarting_mid_import_fails_the_import_clearly_and_a_rerun_completes()
    {
        await using var azurite = await OwnAzurite.StartAsync();
        var export = Path.Combine(Path.GetTempPath(), "cpalerts-fault-export-" + Guid.NewGuid().ToString("N")[..8]);
        ExportWriter.Write(new SyntheticCaseload(3000, 4, Today).Generate(), export);
        var env = new Dictionary<string, string> { ["CpAlerts__Tables__ConnectionString"] = azurite.ConnectionString, ["CpAlerts__Tables__MaxRetries"] = "1" };

        var (process, output) = CpAlertsProcess.Start(env, "import", "--data", export, "--council", "FAULT");
        while (!output.ToString().Contains("(10%)", StringComparison.Ordinal) && !process.HasExited)
        {
            await Task.Delay(20);
        }

        await azurite.KillAsync();
        Assert.True(CpAlertsProcess.Finish(process, TimeSpan.FromMinutes(2)), "the import gave up");
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("Table Storage", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("run again", output.ToString(), StringComparison.Ordinal);

        await azurite.RestartAsync();
        var (rerun, rerunOutput) = CpAlertsProcess.Start(env, "import", "--data", export, "--council", "FAULT");
        Assert.True(CpAlertsProcess.Finish(rerun, TimeSpan.FromMinutes(3)));
        Assert.True(rerun.ExitCode == 0, rerunOutput.ToString());

        var store = new CaseloadStore(TableStorage.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?> { [TablesOptions.ConnectionStringSetting] = azurite.ConnectionString }).Build()));
        var count = 0;
        await foreach (var _ in store.ReadChildrenAsync("FAULT"))
        {
            count++;
        }

        Assert.Equal(3000, count);
        Directory.Delete(export, recursive: true);
    }

    [Fact]
    public async Task A_handler_killed_during_a_sweep_loses_nothing_when_the_message_is_redelivered()
    {
        var reference = await IsolatedCouncilAsync();
        var crashed = await IsolatedCouncilAsync();
        var message = ServiceBusDelivery.First(SweepBody("2026-11-23T06:00:00Z"));

        await using (var handler = await HandlerProcess.StartAsync(reference.Env))
        {
            reference.Ids.AddRange(Ids(await SweepAsync(handler, message)));
        }

        Assert.NotEmpty(reference.Ids);
        var random = new Random(5);
        await using (var doomed = await HandlerProcess.StartAsync(crashed.Env))
        {
            var sweep = SweepAsync(doomed, message);
            await Task.Delay(random.Next(50, 400));
            await doomed.DisposeAsync(); // killed; whatever it returned never reaches Service Bus
            _ = await Record.ExceptionAsync(() => sweep); // finished or not, its outputs are lost with the host
        }

        // Service Bus redelivers the identical message (same body, same id, one more delivery), as it always does.
        await using var restarted = await HandlerProcess.StartAsync(crashed.Env);
        var redelivered = Ids(await SweepAsync(restarted, message.Redelivered()));
        Assert.Equal(reference.Ids.Order(), redelivered.Order());
    }

    [Fact]
    public async Task A_handler_killed_during_delivery_sends_twice_only_what_was_in_flight()
    {
        var council = await IsolatedCouncilAsync();
        using var sendGrid = new FakeSendGrid(acceptDelay: TimeSpan.FromMilliseconds(150));
        var env = new Dictionary<string, string>(council.Env)
        {
            ["CpAlerts__SendGrid__ApiKey"] = "SG.test-key",
            ["CpAlerts__SendGrid__Host"] = sendGrid.Url,
            ["CpAlerts__Delivery__LeaseSeconds"] = "2",
        };

        List<(string Function, JsonNode Body)> messages;
        await using (var sweeper = await HandlerProcess.StartAsync(env))
        {
            var outputs = await SweepAsync(sweeper, ServiceBusDelivery.First(SweepBody("2026-11-23T06:00:00Z")));
            messages = [.. outputs["escalations"]!.AsArray().Select(m => ("DeliverEscalation", m!)),
                        .. outputs["ihaRequests"]!.AsArray().Select(m => ("NotifyHealthTeam", m!))];
        }

        Assert.True(messages.Count > 8);
        await using (var doomed = await HandlerProcess.StartAsync(env))
        {
            var delivering = Task.Run(async () =>
            {
                foreach (var (function, body) in messages)
                {
                    await doomed.InvokeAsync(function, HandlerProcess.ServiceBusPayload(function, body.ToJsonString()));
                }
            });
            while (sendGrid.Accepted.Count < 5)
            {
                await Task.Delay(10);
            }

            await Task.Delay(75); // inside the next request's accept window
            await doomed.DisposeAsync();
            await Assert.ThrowsAnyAsync<Exception>(() => delivering);
        }

        // What was caught between "SendGrid accepted" and "recorded as sent".
        var log = new CpAlerts.Adapters.Storage.DeliveryLog(TableStorage.FromConfiguration(council.Configuration), Duration.FromSeconds(2));
        var inFlight = new List<string>();
        foreach (var id in messages.Select(m => (string)m.Body["messageId"]!))
        {
            if (await log.StatusAsync("DEMO", id) == DeliveryStatus.Sending)
            {
                inFlight.Add(id);
            }
        }

        await Task.Delay(TimeSpan.FromSeconds(2.5)); // the delivery lease
        await using var restarted = await HandlerProcess.StartAsync(env);
        foreach (var (function, body) in messages) // Service Bus redelivers everything not completed; we resend all
        {
            var (status, _) = await restarted.InvokeAsync(function, HandlerProcess.ServiceBusPayload(function, ServiceBusDelivery.First(body.ToJsonString()).Redelivered()));
            Assert.Equal(HttpStatusCode.OK, status);
        }

        var sent = sendGrid.Accepted.Select(b => (string)b["personalizations"]![0]!["custom_args"]!["cpalerts_message_id"]!).ToList();
        Assert.Equal(messages.Select(m => (string)m.Body["messageId"]!).Order(), sent.Distinct().Order()); // nothing lost
        var twice = sent.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count <= 1, $"{twice.Count} sent twice");
        Assert.All(twice, id => Assert.Contains(id, inFlight)); // only the send-then-crash-before-record gap
    }

    [Fact]
    public async Task A_mail_service_refusing_the_key_fails_the_invocation_logs_an_error_and_records_nothing_as_failed()
    {
        var council = await IsolatedCouncilAsync();
        using var sendGrid = new FakeSendGrid();
        sendGrid.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/v3/mail/send")).AtPriority(1)
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(401));
        var env = new Dictionary<string, string>(council.Env)
        {
            ["CpAlerts__SendGrid__ApiKey"] = "SG.revoked-key",
            ["CpAlerts__SendGrid__Host"] = sendGrid.Url,
        };
        await using var handler = await HandlerProcess.StartAsync(env);
        var escalation = (await SweepAsync(handler, ServiceBusDelivery.First(SweepBody("2026-11-23T06:00:00Z"))))["escalations"]![0]!;
        var invocation = Guid.NewGuid();

        var (status, _) = await handler.InvokeAsync("DeliverEscalation", HandlerProcess.ServiceBusPayload("DeliverEscalation", escalation.ToJsonString()), invocation);

        // No Service Bus namespace here, so no copy can be scheduled for later: the invocation fails and Service Bus keeps the message.
        Assert.Equal(HttpStatusCode.InternalServerError, status);
        var log = new CpAlerts.Adapters.Storage.DeliveryLog(TableStorage.FromConfiguration(council.Configuration), Duration.FromMinutes(5));
        Assert.Equal(DeliveryStatus.Retry, await log.StatusAsync("DEMO", (string)escalation["messageId"]!)); // not "failed": a fixed key sends it
        await Task.Delay(200); // let the process flush its console
        var error = handler.Output.Split('\n').Single(l => l.Contains("configuration error", StringComparison.Ordinal));
        Assert.StartsWith("fail:", error, StringComparison.Ordinal);
        Assert.Contains($"DeliverEscalation invocation {invocation}", error, StringComparison.Ordinal);
        Assert.Contains("(401)", error, StringComparison.Ordinal);
        Assert.DoesNotContain(sendGrid.Accepted, _ => true); // not even the fallback notice: nothing is "undeliverable"
    }

    private sealed record Council(Dictionary<string, string> Env, IConfiguration Configuration, List<string> Ids);

    private static async Task<Council> IsolatedCouncilAsync()
    {
        var prefix = "f" + Guid.NewGuid().ToString("N")[..12];
        var configuration = Azurite.Configuration((TablesOptions.PrefixSetting, prefix));
        var storage = TableStorage.FromConfiguration(configuration);
        await storage.EnsureTablesAsync();
        await new CaseloadStore(storage).ImportAsync("DEMO", new SyntheticCaseload(150, 6, Today).Generate(), deleteMissing: true);
        return new Council(new Dictionary<string, string> { ["CpAlerts__Tables__Prefix"] = prefix }, configuration, []);
    }

    private static string SweepBody(string asOf) =>
        new JsonObject { ["schemaVersion"] = 1, ["council"] = "DEMO", ["kind"] = "daily", ["asOf"] = asOf }.ToJsonString();

    private static async Task<JsonObject> SweepAsync(HandlerProcess handler, ServiceBusDelivery message)
    {
        var (status, response) = await handler.InvokeAsync("SweepCouncil", HandlerProcess.ServiceBusPayload("SweepCouncil", message));
        Assert.Equal(HttpStatusCode.OK, status);
        return HandlerProcess.Outputs(response).AsObject();
    }

    private static List<string> Ids(JsonObject outputs) =>
        [.. outputs["escalations"]!.AsArray().Concat(outputs["ihaRequests"]!.AsArray()).Select(m => (string)m!["messageId"]!)];
}
