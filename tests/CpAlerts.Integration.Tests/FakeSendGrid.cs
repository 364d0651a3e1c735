using System.Text.Json.Nodes;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CpAlerts.Integration.Tests;

/// <summary>
/// A SendGrid-shaped HTTP server on loopback (v3 mail send). It can fail a share of requests with
/// 500 or 429 + Retry-After, deterministically from a seed, to prove retries lose and duplicate nothing.
/// </summary>
public sealed class FakeSendGrid : IDisposable
{
    private readonly object _gate = new();
    private readonly Random _random;
    private readonly double _failureRate;
    private readonly List<JsonObject> _accepted = [];

    /// <param name="acceptDelay">Answer accepted requests this much later: a window in which SendGrid has the email but the caller does not know yet.</param>
    /// <param name="timeoutRate">Share of requests that hang for <paramref name="hang"/> and are then refused: the caller's timeout fires first.</param>
    public FakeSendGrid(double failureRate = 0, int seed = 1, TimeSpan? acceptDelay = null, double timeoutRate = 0, TimeSpan? hang = null)
    {
        _failureRate = failureRate;
        _random = new Random(seed);
        Server = WireMockServer.Start();
        // Priority 100: a test can put a more specific mapping in front of it (lower number wins).
        var response = Response.Create();
        if (acceptDelay is { } delay)
        {
            response.WithDelay(delay);
        }

        Server.Given(Request.Create().WithPath("/v3/mail/send").UsingPost()).AtPriority(100)
            .RespondWith(response.WithCallback(request =>
            {
                double roll;
                lock (_gate)
                {
                    roll = _random.NextDouble();
                }

                if (roll >= _failureRate && roll < _failureRate + timeoutRate)
                {
                    Thread.Sleep(hang ?? TimeSpan.FromSeconds(2));
                    return new WireMock.ResponseMessage { StatusCode = 503 };
                }

                lock (_gate)
                {
                    if (roll < _failureRate / 2)
                    {
                        return new WireMock.ResponseMessage { StatusCode = 500 };
                    }

                    if (roll < _failureRate)
                    {
                        var limited = new WireMock.ResponseMessage { StatusCode = 429 };
                        limited.AddHeader("Retry-After", "1");
                        return limited;
                    }

                    _accepted.Add(JsonNode.Parse(request.Body!)!.AsObject());
                    return new WireMock.ResponseMessage { StatusCode = 202 };
                }
            }));
    }

    public WireMockServer Server { get; }

    public string Url => Server.Url!;

    /// <summary>Bodies of the requests that were accepted (202): the emails that really went out.</summary>
    public IReadOnlyList<JsonObject> Accepted
    {
        get
        {
            lock (_gate)
            {
                return [.. _accepted];
            }
        }
    }

    public void Dispose() => Server.Stop();
}
