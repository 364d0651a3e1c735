using System.Globalization;
using CpAlerts.Application.Messages;
using CpAlerts.Application.Ports;
using CpAlerts.Testing.LocalRun;
using NodaTime;

namespace CpAlerts.Tool.Cli;

/// <summary>
/// `demo --faults`: the failures injected, as Azure has them, and afterwards a line for each in plain words, what failed
/// and what CpAlerts did about it; every refusal and the handler's own log lines go to the details file instead.
/// </summary>
public static class DemoFaults
{
    /// <summary>The broker's limit and the sweep's budget: small enough that the go-live lists of the busiest readers do not fit in one message.</summary>
    public const int MaxMessageBytes = 16 * 1024, BudgetKB = 12;

    /// <summary>How many deliveries of the as-of day's sweep lose their outputs: every one Service Bus makes before it dead-letters.</summary>
    public const int LostSweepDeliveries = 10;

    /// <summary>How early each timer fires, as the timer listener may (docs/host-contract.md).</summary>
    public static readonly TimeSpan EarlyBy = TimeSpan.FromMilliseconds(300);

    /// <summary>How long the mail service is down on the morning after the as-of day: longer than the old in-invocation retry budget.</summary>
    public static readonly Duration Outage = Duration.FromHours(1);

    /// <summary>What happened, gathered when the demo's story has ended.</summary>
    public sealed record Outcome(FlakyMailService Mail, DispatchCounts Counts, LocalDate AsOf, (Instant From, Instant To) OutageTimes, int TimerFirings,
        int MessagesInParts, int SentTwice, string DeadLetterFolder);

    /// <summary>A line a fault, each saying what failed and what CpAlerts did; a fault that never happened says so.</summary>
    public static IReadOnlyList<string> Summary(Outcome o)
    {
        static string Day(Instant at) => Domain.Calendar.LondonTime.LocalDateTimeOf(at).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture);
        static string Count(int n, string one, string many) => n == 1 ? $"1 {one}" : $"{n} {many}";
        var lines = new List<string>();
        var notices = o.Mail.Accepted.Values.Where(e => e.Kind == EmailKind.Undeliverable.Name()).ToList();
        var refused = o.Mail.RefusedAddress;
        var otherNotices = refused is null ? notices.Count : notices.Count(n => !n.Text.Contains(refused, StringComparison.OrdinalIgnoreCase));

        lines.Add($"the mail service was busy (503) for {Count(o.Mail.Refused, "send", "sends")}: CpAlerts scheduled a retry of each a few minutes on, and sent it then.");
        lines.Add($"the mail service was down from {Day(o.OutageTimes.From)} to {Day(o.OutageTimes.To)[^5..]}: {Count(o.Mail.RefusedDuringOutage, "send was", "sends were")} refused, "
            + (otherNotices == 0 ? "and each waited in a scheduled retry until it was back." : $"{Count(otherNotices, "email", "emails")} could not wait that long and were reported undeliverable."));
        var lostAnswers = o.Counts.OutputsLost - LostSweepDeliveries;
        lines.Add($"the host lost the outputs of {Count(lostAnswers, "invocation", "invocations")} after the handler had answered (the first timer firing, the first two sweeps): "
            + $"each ran again, and {(o.SentTwice == 0 ? "no email went twice" : $"{Count(o.SentTwice, "email", "emails")} went twice")}.");
        lines.Add($"every delivery of the {o.AsOf.ToString("ddd d MMM", CultureInfo.InvariantCulture)} sweep lost its outputs: Service Bus dead-lettered it after {LostSweepDeliveries} "
            + $"({Count(o.Counts.DeadLettered, "message", "messages")} in {o.DeadLetterFolder}), and the next morning's sweep sent what it had found.");
        lines.Add($"the broker took messages of at most {MaxMessageBytes / 1024} KB: the longest go-live lists went as {Count(o.MessagesInParts, "part", "parts")}, each under it.");
        if (refused is not null)
        {
            var to = notices.Where(n => n.Text.Contains(refused, StringComparison.OrdinalIgnoreCase)).GroupBy(n => n.ToAddress, StringComparer.OrdinalIgnoreCase)
                .Select(g => $"{g.Key} ({Who(g.First().Audience)}: {g.Count()})").ToList();
            lines.Add($"{refused} was refused for good (400): {Count(o.Mail.RefusedForGood.Count, "email", "emails")} to it not retried; "
                + (to.Count == 0 ? "no undeliverable notice named it." : $"undeliverable notices naming it went to {string.Join(" and ", to)}."));
        }

        lines.Add($"every timer fired {EarlyBy.TotalSeconds:0.0} s early ({o.TimerFirings} firings): CpAlerts goes by the time each was scheduled for, so each did its run once.");
        return lines;
    }

    /// <summary>Who a notice went to, in words.</summary>
    private static string Who(EmailAudience audience) => audience switch
    {
        EmailAudience.Fallback => "fallback mailbox",
        EmailAudience.HeadOfService => "head of service",
        EmailAudience.TeamManager => "team manager",
        _ => audience.ToString(),
    };
}
