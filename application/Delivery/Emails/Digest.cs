using CpAlerts.Application.Messages;
using CpAlerts.Application.Wording;
using CpAlerts.Domain.Escalation;
using CpAlerts.Domain.Records;
using NodaTime;
using NodaTime.Text;

namespace CpAlerts.Application.Delivery;

/// <summary>The social worker's weekly digest: what the template sees.</summary>
public sealed partial class EmailContent
{
    /// <summary>
    /// The weekly digest as one compact list: what can still be done this week first, then the rest, each item
    /// with its child, "new" when it was not in last week's digest, and how old the records are.
    /// </summary>
    public async Task<Dictionary<string, object?>> DigestAsync(DigestMessage message, string recipientName, CancellationToken cancellationToken)
    {
        var today = message.AsOf ?? message.WeekOf;
        var facts = new Dictionary<string, Dictionary<string, object?>>(StringComparer.Ordinal);
        var rows = new List<(AlertItem Item, Dictionary<string, object?> Model)>();
        var staff = new Dictionary<string, StaffMember?>(StringComparer.Ordinal);
        foreach (var item in message.Items)
        {
            if (!facts.TryGetValue(item.ChildId, out var child))
            {
                facts[item.ChildId] = child = ChildFacts(item.ChildId, await caseload.ReadChildAsync(message.Council, item.ChildId, cancellationToken), Audience.SocialWorker);
            }

            var model = new Dictionary<string, object?>(child) { ["new"] = item.New }.Concat(Item(item, today)).ToDictionary();
            await AddInHandAsync(model, message.Council, message.Recipient, item, today, staff, cancellationToken);
            rows.Add((item, model));
        }

        bool ThisWeek(AlertItem i) => Domain.Notifications.NotificationPolicy.IsThisWeek(i.Level != EscalationLevel.DueSoon, i.DaysOverdue, i.DueDate, today);
        var overdue = message.Items.Count(i => i.Level > 0);
        var fresh = message.Items.Count(i => i.New);
        return new()
        {
            ["recipient_name"] = recipientName,
            ["part"] = PartWords(message.Part),
            ["part_note"] = PartNote(message.Part),
            ["week_of"] = PeopleDates.Format(message.WeekOf),
            ["summary"] = $"{CountWords.Count(message.Items.Count, "item", "items")} for {CountWords.Count(facts.Count, "child", "children")}: {CountWords.OverdueAndDueSoon(overdue, message.Items.Count - overdue)}{(fresh == 0 ? "" : $"; {fresh} new since last week")}.",
            ["this_week"] = rows.Where(r => ThisWeek(r.Item)).Select(r => (IReadOnlyDictionary<string, object?>)r.Model).ToList(),
            ["later"] = rows.Where(r => !ThisWeek(r.Item)).Select(r => (IReadOnlyDictionary<string, object?>)r.Model).ToList(),
            ["records_as_at"] = RecordsAsAt(message),
            ["standing_in"] = message.Items.Any(i => i.StandingInFor is not null),
            ["names_shown"] = NamesShownFor(Audience.SocialWorker),
            ["team_link"] = await TeamLinkAsync(message.Council, message.Recipient, cancellationToken),
        };
    }

    /// <summary>"Records as at Mon 30 Nov 2026 22:15", with a warning when the last import is more than two days before the digest.</summary>
    private static string RecordsAsAt(DigestMessage message)
    {
        if (message.RecordsAsAt is not { } recordsAt)
        {
            return "The date of the records is not known.";
        }

        var at = Domain.Calendar.LondonTime.LocalDateTimeOf(recordsAt);
        var words = $"Records as at {PeopleDates.DateTimePattern.Format(at)}, the latest import from the case-management system.";
        return Period.DaysBetween(at.Date, message.AsOf ?? message.WeekOf) is var days && days > 2
            ? $"{words} That is {days} days ago: anything recorded since is not included. Tell your CpAlerts administrator if imports have stopped."
            : words;
    }
}
