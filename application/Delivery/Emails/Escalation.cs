using CpAlerts.Application.Messages;
using CpAlerts.Application.Wording;
using CpAlerts.Domain.Escalation;

namespace CpAlerts.Application.Delivery;

/// <summary>A manager's or specialist's escalation: what the template sees.</summary>
public sealed partial class EmailContent
{
    /// <summary>
    /// A manager's or specialist's escalation: counts by social worker first, then the items grouped by worker
    /// (overdue apart from due soon), each with an action written for the reader, and why they are told once.
    /// </summary>
    public async Task<Dictionary<string, object?>> EscalationAsync(EscalationMessage message, string recipientName, CancellationToken cancellationToken)
    {
        var items = await ReadItemsAsync(message, cancellationToken);
        var byTeam = message.Items.All(i => i.Audience == Audience.HeadOfService);
        string GroupOf(ItemFacts i) => byTeam ? i.Team : i.Worker;
        var overdue = items.Count(i => i.Item.Level != EscalationLevel.DueSoon);
        return new()
        {
            ["recipient_name"] = recipientName,
            ["part"] = PartWords(message.Part),
            ["part_note"] = PartNote(message.Part),
            ["date"] = PeopleDates.Format(message.Period),
            ["summary"] = $"{CountWords.Count(items.Count, "item", "items")} for {CountWords.Count(items.Select(i => i.Item.ChildId).Distinct().Count(), "child", "children")}: {CountWords.OverdueAndDueSoon(overdue, items.Count - overdue)}.",
            ["timescales"] = Timescales(message.Items),
            // Only items coming up (the health team's and IROs' due-soon news) is not an escalation: say so.
            ["title"] = overdue == 0 ? "Coming up" : "Timescales escalation",
            ["has_links"] = items.Any(i => i.Model["link"] is not null),
            ["headline"] = CountWords.OverdueAndDueSoon(overdue, items.Count - overdue),
            ["reasons"] = Reasons(message.Items),
            // A head of service reads by team and its manager first; everyone else by social worker.
            ["counts_by"] = byTeam ? "Team and team manager" : "Social worker",
            ["counts"] = items.GroupBy(GroupOf).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => Row(("worker", g.Key), ("overdue", g.Count(i => i.Item.Level != EscalationLevel.DueSoon)), ("due_soon", g.Count(i => i.Item.Level == EscalationLevel.DueSoon)))).ToList(),
            // What needs the reader's attention first, and what is only coming up (the health team's due-soon IHAs).
            ["overdue_groups"] = ByWorker(items.Where(i => i.Item.Level != EscalationLevel.DueSoon), GroupOf),
            ["due_soon_groups"] = ByWorker(items.Where(i => i.Item.Level == EscalationLevel.DueSoon), GroupOf),
            ["names_shown"] = message.Items.Any(i => NamesShownFor(i.Audience)),
            ["team_link"] = await TeamLinkAsync(message.Council, message.Recipient, cancellationToken),
        };
    }
}
