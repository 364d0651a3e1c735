using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CpAlerts.Functions.Handler;
using CpAlerts.Testing.LocalRun;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace CpAlerts.Integration.Tests;

/// <summary>
/// The real handler process with the real Azure Monitor exporter, pointed at an Application Insights-shaped
/// ingestion endpoint on loopback (POST /v2.1/track, answered as the service does): an invocation's span and
/// metrics arrive seconds after its answer, well inside the exporter's one-minute metric interval — the flush
/// after each invocation, which matters because the host kills the handler rather than stopping it. A connection
/// string the exporter refuses turns telemetry off and the handler keeps working.
/// </summary>
public class TelemetryExportTests
{
    [Fact]
    public async Task An_invocations_span_and_metrics_reach_Application_Insights_right_after_its_answer()
    {
        await Azurite.StorageAsync(); // the purge reads the tables the Bicep (here the fixture) created
        using var ingestion = FakeIngestion();
        await using var handler = await HandlerProcess.StartAsync(new Dictionary<string, string>
        {
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = $"InstrumentationKey=6f1d7a52-3c0e-4b8a-9d2f-1e5c7b9a0d34;IngestionEndpoint={ingestion.Url}/",
        });

        var invocationId = Guid.NewGuid();
        var (status, _) = await handler.InvokeAsync(RetentionFunctions.PurgeOldRecords,
            HandlerProcess.TimerPayload(RetentionFunctions.PurgeOldRecords, new DateTimeOffset(2026, 12, 2, 2, 30, 0, TimeSpan.Zero)), invocationId);
        Assert.Equal(HttpStatusCode.OK, status);

        var sent = "";
        for (var i = 0; i < 100 && !(sent.Contains("cpalerts.retention.purged", StringComparison.Ordinal) && sent.Contains(invocationId.ToString(), StringComparison.Ordinal)); i++)
        {
            await Task.Delay(200);
            sent = string.Join("\n", ingestion.LogEntries.Select(e => Body(e.RequestMessage?.BodyAsBytes, e.RequestMessage?.Headers)));
        }

        Assert.Contains("cpalerts.retention.purged", sent, StringComparison.Ordinal); // the metric, by name
        Assert.Contains(invocationId.ToString(), sent, StringComparison.Ordinal);   // the span, with the host's invocation id
        Assert.Contains("PurgeOldRecords", sent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_invocations_span_arrives_as_a_dependency_not_a_second_request()
    {
        const int invocations = 40;
        await Azurite.StorageAsync();
        using var ingestion = FakeIngestion();
        await using var handler = await HandlerProcess.StartAsync(new Dictionary<string, string>
        {
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = $"InstrumentationKey=6f1d7a52-3c0e-4b8a-9d2f-1e5c7b9a0d34;IngestionEndpoint={ingestion.Url}/",
        });

        // A burst as the host sends one when a queue fills: far more than five a second, the exporter's default rate
        // limit. Every other invocation comes with a host traceparent flagged "not sampled" (the host's own sampling
        // may keep its request out): the handler's span is still sent, in the host's trace.
        var sent = Enumerable.Range(0, invocations).Select(i => (Id: Guid.NewGuid(), Trace: i % 2 == 0 ? ActivityTraceId.CreateRandom().ToHexString() : null)).ToList();
        var started = DateTime.UtcNow;
        foreach (var batch in sent.Chunk(8))
        {
            var statuses = await Task.WhenAll(batch.Select(async invocation =>
            {
                using var request = HostInvocations.Request(SweepFunctions.DailySweep,
                    HandlerProcess.TimerPayload(SweepFunctions.DailySweep, new DateTimeOffset(2026, 12, 15, 5, 0, 0, TimeSpan.Zero)), invocation.Id);
                if (invocation.Trace is { } trace)
                {
                    request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom().ToHexString()}-00");
                }

                using var response = await handler.Client.SendAsync(request);
                return response.StatusCode;
            }));
            Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        }

        var took = DateTime.UtcNow - started;
        var spans = new List<Span>();
        for (var i = 0; i < 100 && !sent.All(s => spans.Any(span => span.InvocationId == s.Id.ToString())); i++)
        {
            await Task.Delay(200);
            spans = Spans(ingestion);
        }

        var received = sent.Count(s => spans.Any(span => span.InvocationId == s.Id.ToString()));
        Assert.True(received == invocations, $"{received} of {invocations} spans (sent in {took.TotalSeconds:0.0} s) reached the ingestion endpoint");
        Assert.All(sent.Where(s => s.Trace is not null), s => Assert.Equal(s.Trace, spans.First(span => span.InvocationId == s.Id.ToString()).OperationId));
        // Internal spans are dependencies ("InProc"): the host's own request stays the only one in `requests`.
        Assert.All(spans, span => Assert.Equal(("RemoteDependencyData", "InProc"), (span.BaseType, span.Type)));
    }

    [Fact]
    public async Task A_connection_string_the_exporter_refuses_turns_telemetry_off_not_the_alerts()
    {
        await using var handler = await HandlerProcess.StartAsync(new Dictionary<string, string>
        {
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "not a connection string",
        });

        var (status, _) = await handler.InvokeAsync(SweepFunctions.DailySweep,
            HandlerProcess.TimerPayload(SweepFunctions.DailySweep, new DateTimeOffset(2026, 12, 15, 5, 0, 0, TimeSpan.Zero)));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Telemetry is off, the alerts run as usual (configuration error: APPLICATIONINSIGHTS_CONNECTION_STRING", handler.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("not a connection string", handler.Output, StringComparison.Ordinal);
    }

    /// <summary>POST /v2.1/track answered as Application Insights answers a batch it accepted whole.</summary>
    private static WireMockServer FakeIngestion()
    {
        var ingestion = WireMockServer.Start(new WireMockServerSettings { DisableRequestBodyDecompressing = true });
        ingestion.Given(Request.Create().WithPath("/v2.1/track").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { itemsReceived = 1, itemsAccepted = 1, errors = Array.Empty<object>() }));
        return ingestion;
    }

    private sealed record Span(string BaseType, string? Type, string InvocationId, string? OperationId);

    /// <summary>The span items sent so far (one JSON telemetry item a line): their type, the host's invocation id and the trace.</summary>
    private static List<Span> Spans(WireMockServer ingestion) =>
        [.. ingestion.LogEntries
            .SelectMany(e => Body(e.RequestMessage?.BodyAsBytes, e.RequestMessage?.Headers).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            .Select(line => JsonNode.Parse(line))
            .Where(item => item?["data"]?["baseData"]?["properties"]?["faas.invocation_id"] is not null)
            .Select(item => new Span(item!["data"]!["baseType"]!.GetValue<string>(), item["data"]!["baseData"]!["type"]?.GetValue<string>(),
                item["data"]!["baseData"]!["properties"]!["faas.invocation_id"]!.GetValue<string>(), item["tags"]?["ai.operation.id"]?.GetValue<string>()))];

    private static string Body(byte[]? bytes, IDictionary<string, WireMock.Types.WireMockList<string>>? headers)
    {
        if (bytes is null)
        {
            return "";
        }

        if (headers?.Any(h => h.Key.Equals("Content-Encoding", StringComparison.OrdinalIgnoreCase) && h.Value.Contains("gzip")) == true)
        {
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var reader = new StreamReader(gzip, Encoding.UTF8);
            return reader.ReadToEnd();
        }

        return Encoding.UTF8.GetString(bytes);
    }
}
