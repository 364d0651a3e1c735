using CpAlerts.Application.Configuration;
using CpAlerts.Testing.LocalRun;
using CpAlerts.Tool.Cli;
using NodaTime;

namespace CpAlerts.Integration.Tests;

/// <summary>The whole pipeline through the local dispatcher: the real handler, Azurite, and a SendGrid-shaped server.</summary>
public class EndToEndTests
{
    private static readonly Instant AsOf = Instant.FromUtc(2026, 11, 23, 9, 0);

    private static (Microsoft.Extensions.Configuration.IConfiguration Config, string Out) Isolated(params (string, string)[] extra)
    {
        // Own tables: the daily sweep fans out over every council in the account.
        var prefix = "e" + Guid.NewGuid().ToString("N")[..12];
        var settings = extra.Append((TablesOptions.PrefixSetting, prefix)).ToArray();
        return (Azurite.Configuration(settings), Path.Combine(Path.GetTempPath(), "cpalerts-" + prefix));
    }

    [Fact]
    public async Task The_right_people_get_the_right_emails_exactly_once_even_when_sendgrid_fails_and_the_host_loses_outputs()
    {
        // Reference: the same caseload delivered to the outbox with nothing failing.
        var (reliable, reliableOut) = Isolated();
        var reference = await DemoCommand.RunAsync(reliable, SystemClock.Instance, reliableOut, 120, 5, AsOf, "DEMO", TextWriter.Null, default);
        var expected = OutboxIndex.Read(Path.Combine(reliableOut, "outbox")).Select(e => $"{e.To} {e.Kind}").Order().ToList();
        Assert.True(expected.Count > 10);
        Assert.Contains(expected, e => e.EndsWith(" digest", StringComparison.Ordinal));
        Assert.Contains(expected, e => e.EndsWith(" escalation", StringComparison.Ordinal));
        Assert.Contains(expected, e => e.EndsWith(" iha-request", StringComparison.Ordinal));
        Assert.Contains("cpalerts-fallback@council.example scorecard", expected); // no scorecard mailbox set: the fallback
        var scorecardEmail = Directory.GetFiles(Path.Combine(reliableOut, "outbox"), "Scorecard-scorecard-*.eml").Single();
        // The first scorecard after go-live (Mon 16 Nov): Tue 1 Dec's, for November, with the page attached.
        Assert.Contains("scorecard-DEMO-2026-11-30.html", File.ReadAllText(scorecardEmail), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(reliableOut, "scorecard.html")));
        Assert.All(expected.Where(e => e.EndsWith(" digest", StringComparison.Ordinal)), e => Assert.StartsWith("sw", e, StringComparison.Ordinal));
        // The team view's story: a worker said items were in hand through its pages; held the next morning, escalated after, saying so.
        Assert.Matches("The daily sweeps until then held back (1 escalation|up to [1-9][0-9]* escalations) a morning, on [1-9][0-9]* mornings?;", File.ReadAllText(Path.Combine(reliableOut, "index.html")));
        Assert.Contains(Directory.GetFiles(Path.Combine(reliableOut, "outbox"), "*-escalation-*.html"), f => File.ReadAllText(f).Contains("Was in hand until", StringComparison.Ordinal));
        Assert.Contains(Directory.GetFiles(Path.Combine(reliableOut, "outbox"), "*-digest-*.html"), f => File.ReadAllText(f).Contains("In hand until", StringComparison.Ordinal));
        // One story on the demo's clock: the outbox's emails are dated by it, and the index lists each group in that order.
        var dated = OutboxIndex.Read(Path.Combine(reliableOut, "outbox"));
        Assert.All(dated, e => Assert.InRange(e.Sent!.Value, new DateTimeOffset(2026, 11, 16, 5, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero)));
        var index = File.ReadAllText(Path.Combine(reliableOut, "index.html"));
        foreach (var group in dated.GroupBy(e => e.Audience))
        {
            var places = group.Select(e => index.IndexOf(e.File + ".html", StringComparison.Ordinal)).ToList();
            Assert.Equal(places.Order(), places);
        }
        Assert.Empty(reference.Faults);

        // 25% fail at once (500, or 429 with Retry-After), 5% hang past the client's 1-second timeout; and
        // --faults: more refusals and an hour's outage, sweep and timer outputs lost after a 2xx answer and a whole
        // day's, a 16 KB broker, timers firing early.
        using var sendGrid = new FakeSendGrid(failureRate: 0.25, seed: 11, timeoutRate: 0.05, hang: TimeSpan.FromSeconds(1.5));
        var (faulty, faultyOut) = Isolated(("CpAlerts:SendGrid:ApiKey", "SG.test-key"), ("CpAlerts:SendGrid:Host", sendGrid.Url), ("CpAlerts:SendGrid:TimeoutSeconds", "1"));
        var summary = await DemoCommand.RunAsync(faulty, SystemClock.Instance, faultyOut, 120, 5, AsOf, "DEMO", TextWriter.Null, default, faults: true);

        var sent = sendGrid.Accepted;
        var ids = sent.Select(b => (string)b["personalizations"]![0]!["custom_args"]!["cpalerts_message_id"]!).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count()); // nothing sent twice
        var actual = sent.Select(b => $"{(string)b["personalizations"]![0]!["to"]![0]!["email"]!} {((string)b["categories"]![0]!)["cpalerts-".Length..]}").Order().ToList();
        // One team manager's address was refused for good: their emails were re-routed with notices that name the address.
        var refused = summary.RefusedAddress!;
        var notices = sent.Where(b => (string?)b["categories"]![0] == "cpalerts-undeliverable").ToList();
        Assert.NotEmpty(notices);
        Assert.All(notices, n => Assert.Contains(refused, (string)n["content"]![0]!["value"]!, StringComparison.Ordinal));
        // --faults says so in a line a fault, short and plain: the refused address, and who was sent the notices naming it; details in a file.
        Assert.Equal(7, summary.Faults.Count);
        Assert.All(summary.Faults, line => Assert.True(line.Length <= 240, line));
        Assert.Contains(summary.Faults, line => line.StartsWith(refused + " was refused for good", StringComparison.Ordinal)
            && line.Contains("undeliverable notices naming it went to", StringComparison.Ordinal) && line.Contains("cpalerts-fallback@council.example", StringComparison.Ordinal));
        Assert.True(File.Exists(summary.DetailsFile), "the details file");
        Assert.Contains("refused for good (400)", File.ReadAllText(summary.DetailsFile!), StringComparison.Ordinal);
        Assert.Contains(expected, e => e.StartsWith(refused + " ", StringComparison.Ordinal)); // the reference run did send them
        Assert.Equal(expected.Where(e => !e.StartsWith(refused + " ", StringComparison.Ordinal)), actual.Where(a => !a.EndsWith(" undeliverable", StringComparison.Ordinal)));
        // nothing lost, nobody wrong
        Assert.True(summary.Counts.Retried > 0, "the fake SendGrid failed nothing: the test proved nothing");
        // The first timer firing's and two sweeps' outputs never reached Service Bus, nor any of the as-of day's sweep's ten deliveries.
        Assert.Equal(3 + 10, summary.Counts.OutputsLost);
        Assert.Equal(1, summary.DeadLettered); // that day's sweep message; the next daily sweep sent its messages again
        Assert.True(summary.Counts.Scheduled > 0); // the mail service's refusals and its hour down waited in scheduled copies
        Assert.Equal(0, summary.Lost);
        Assert.Equal(0, summary.SentTwice);
        Assert.Equal("delivery: " + summary.Sent + " emails sent, 0 lost, 0 sent twice", summary.DeliveryLine);
        Assert.Equal(0, reference.DeadLettered);
        Assert.Equal(0, reference.Lost);
        Directory.Delete(reliableOut, recursive: true);
        Directory.Delete(faultyOut, recursive: true);
    }

    [Fact]
    public async Task Rerunning_the_whole_pipeline_sends_no_email_twice()
    {
        using var sendGrid = new FakeSendGrid();
        var (config, output) = Isolated(("CpAlerts:SendGrid:ApiKey", "SG.test-key"), ("CpAlerts:SendGrid:Host", sendGrid.Url));
        await DemoCommand.RunAsync(config, SystemClock.Instance, output, 60, 3, AsOf, "DEMO", TextWriter.Null, default);
        var first = sendGrid.Accepted.Count;

        // The same day again: escalations and IHA requests are claimed, digests are deduplicated by message id.
        await DemoCommand.RunAsync(config, SystemClock.Instance, output, 60, 3, AsOf, "DEMO", TextWriter.Null, default);

        Assert.True(first > 5);
        Assert.Equal(first, sendGrid.Accepted.Count);
        Directory.Delete(output, recursive: true);
    }
}
