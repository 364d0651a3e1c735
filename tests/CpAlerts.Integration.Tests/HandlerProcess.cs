using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using CpAlerts.Testing.LocalRun;

namespace CpAlerts.Integration.Tests;

/// <summary>The real executable running `serve` on a free loopback port, as the Functions host would start it.</summary>
public sealed class HandlerProcess : IAsyncDisposable
{
    public const string Fallback = "fallback@council.example";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HandlerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromMinutes(2) };
    }

    public int Port { get; }

    public HttpClient Client { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// A 2xx answer's outputs with each message as an object. The handler answers a council sweep's messages as JSON
    /// text (the host sends a string element as the body as it is); the timers' fan-out as objects.
    /// </summary>
    public static JsonObject Outputs(JsonObject response)
    {
        var outputs = new JsonObject();
        foreach (var (name, value) in response["Outputs"] as JsonObject ?? [])
        {
            outputs[name] = value is JsonArray array
                ? new JsonArray([.. array.Select(m => m is JsonValue v && v.TryGetValue<string>(out var text) ? JsonNode.Parse(text) : m?.DeepClone())])
                : value?.DeepClone();
        }

        return outputs;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<HandlerProcess> StartAsync(IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CpAlerts.dll"));
        start.ArgumentList.Add("serve");
        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString();
        start.Environment["CpAlerts__Tables__ConnectionString"] = Azurite.ConnectionString;
        start.Environment["CpAlerts__FallbackMailbox"] = Fallback;
        start.Environment["CpAlerts__Email__FromAddress"] = "cpalerts@council.example";
        start.Environment["CpAlerts__Email__Outbox"] = Path.Combine(Path.GetTempPath(), "cpalerts-handler-outbox");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var handler = new HandlerProcess(Process.Start(start)!, port);
        handler._process.OutputDataReceived += (_, e) => handler.Append(e.Data);
        handler._process.ErrorDataReceived += (_, e) => handler.Append(e.Data);
        handler._process.BeginOutputReadLine();
        handler._process.BeginErrorReadLine();
        for (var i = 0; i < 300 && !handler._process.HasExited; i++)
        {
            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(IPAddress.Loopback, port);
                return handler;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new InvalidOperationException($"serve did not start: {handler.Output}");
    }

    /// <summary>POSTs an invocation as the host does (payload and headers from <see cref="HostInvocations"/>).</summary>
    public async Task<(HttpStatusCode Status, JsonObject Body)> InvokeAsync(string function, string payload, Guid? invocationId = null)
    {
        using var request = HostInvocations.Request(function, payload, invocationId ?? Guid.NewGuid());
        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject());
    }

    /// <summary>A timer firing on time, exactly as the Functions host sends it.</summary>
    public static string TimerPayload(string function, DateTimeOffset occurrence) =>
        HostInvocations.Timer(function, "timer", TimerFiring.OnTime(occurrence) with { Last = occurrence.AddDays(-1) });

    /// <summary>The first delivery of a Service Bus message, exactly as the Functions host sends it.</summary>
    public static string ServiceBusPayload(string function, string body, DateTimeOffset? utcNow = null) =>
        HostInvocations.ServiceBus(function, "message", ServiceBusDelivery.First(body), utcNow ?? DateTimeOffset.UtcNow);

    /// <summary>A given delivery of a Service Bus message (a redelivery: the same body and id, a higher count).</summary>
    public static string ServiceBusPayload(string function, ServiceBusDelivery delivery) =>
        HostInvocations.ServiceBus(function, "message", delivery, DateTimeOffset.UtcNow);

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private bool _disposed;

    /// <summary>Kills the handler (tests use this as "the process died"); safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
