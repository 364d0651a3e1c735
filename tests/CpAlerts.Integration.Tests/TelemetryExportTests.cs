using System.IO.Compression;
using System.Net;
using System.Text;
using CpAlerts.Functions.Handler;
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
        using var ingestion = WireMockServer.Start(new WireMockServerSettings { DisableRequestBodyDecompressing = true });
        ingestion.Given(Request.Create().WithPath("/v2.1/track").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { itemsReceived = 1, itemsAccepted = 1, errors = Array.Empty<object>() }));
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
