using CpAlerts.Application.Configuration;
using CpAlerts.Domain.Acknowledgements;
using CpAlerts.Domain.Calendar;
using CpAlerts.Domain.Notifications;
using CpAlerts.Domain.Records;
using CpAlerts.Domain.Recipients;
using CpAlerts.Domain.Rules;
using CpAlerts.Testing.LocalRun;
using NodaTime;

namespace CpAlerts.Tool.Cli;

/// <summary>
/// The demo's visit to the team view: a social worker whose items escalate soon says up to three of them are in hand until
/// the day they would escalate (no longer than the rule allows), through the team view's own pages.
/// </summary>
/// <param name="Items">Each item: its child, its finding's key and its timescale.</param>
public sealed record InHandVisit(StaffMember Worker, StaffMember? Manager, IReadOnlyList<(string ChildId, string Key, RuleId Rule)> Items, LocalDate Until, LocalDateTime At)
{
    /// <summary>
    /// The first day from <paramref name="from"/> to a week after the visit on which some social worker's items escalate, and that
    /// worker's items; null when none escalates.
    /// </summary>
    public static InHandVisit? Find(Caseload caseload, HandlerSettings settings, LocalDateTime at, LocalDate from)
    {
        var policy = new NotificationPolicy(settings.Sweep.Policy, settings.Sweep.Calendar);
        EvaluationContext When(LocalDateTime time) => new(LondonTime.ToInstant(time), settings.Sweep.Calendar, settings.Sweep.Policy);
        var today = at.Date;
        var staff = new StaffDirectory(caseload.Staff);
        var children = caseload.Children.Where(c => staff.Find(c.Child.SocialWorkerId) is { Email: not null }).ToList();
        var now = children.SelectMany(c => RulesEngine.Standard.Evaluate(c, When(at)).Select(f => (Child: c.Child, Finding: f))).ToList();
        for (var day = from > today ? from : today.PlusDays(1); day <= today.PlusDays(7); day = day.PlusDays(1))
        {
            var then = children.SelectMany(c => RulesEngine.Standard.Evaluate(c, When(day.At(new LocalTime(6, 0))))).ToDictionary(f => f.Key, f => f.Level, StringComparer.Ordinal);
            var until = day;
            var rising = now.Where(x => then.GetValueOrDefault(x.Finding.Key, x.Finding.Level) > x.Finding.Level && until <= policy.LatestInHandUntil(x.Finding.Rule, today))
                .GroupBy(x => x.Child.SocialWorkerId!).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault();
            if (rising is not null)
            {
                var worker = staff.Find(rising.Key)!;
                return new InHandVisit(worker, staff.Find(worker.ManagerId), [.. rising.Take(3).Select(x => (x.Child.ChildId, x.Finding.Key, x.Finding.Rule))], until, at);
            }
        }

        return null;
    }

    /// <summary>The worker signs in and says each item is in hand, with the first reason its timescale offers; what the index tells of it.</summary>
    public async Task<OutboxIndex.TeamViewStory> SayInHandAsync(string council, Uri handler, TextWriter progress, CancellationToken cancellationToken)
    {
        using var visit = await TeamViewVisit.SignInAsync(handler, Worker.Email!, cancellationToken);
        var saved = 0;
        foreach (var (childId, key, rule) in Items)
        {
            saved += await visit.AcknowledgeAsync(council, childId, key, TimescaleReasons.For(rule)[0], Until, cancellationToken) == System.Net.HttpStatusCode.OK ? 1 : 0;
        }

        // The staff id, not the name: what the demo prints is a log (LogPrivacyTests); the index page names them.
        progress.WriteLine($"demo: social worker {Worker.StaffId} said {saved} item(s) are in hand until {Until:yyyy-MM-dd} in the team view.");
        return new OutboxIndex.TeamViewStory(Worker.Name, Worker.Email!, Manager?.Name, Manager?.Email, saved, Until, At, Digest: null);
    }
}
