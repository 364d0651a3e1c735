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
    public FakeSendGrid(double failureRate = 0, int seed = 1, TimeSpan? acceptDelay = null)
    {
        _failureRate = failureRate;
        _random = new Random(seed);
        Server = WireMockServer.Start();
        // Priority 100: a test can put a more specific mapping in front of it (lower number wins).
        Server.Given(Request.Create().WithPath("/v3/mail/send").UsingPost()).AtPriority(100)
            .RespondWith(Response.Create().WithCallback(request =>
            {
                lock (_gate)
                {
                    var roll = _random.NextDouble();
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
            }).WithDelay(acceptDelay ?? TimeSpan.Zero));
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
