using CpAlerts.Application.Messages;
using CpAlerts.Application.Wording;
using NodaTime.Text;
using CpAlerts.Domain.Escalation;
using CpAlerts.Domain.Rules;

namespace CpAlerts.Application.Delivery;

/// <summary>The go-live baseline summary and its attached list: what the template and the CSV see.</summary>
public sealed partial class EmailContent
{
    /// <summary>How many items of each kind the baseline's top list shows; the rest are in the attached list.</summary>
    public const int BaselineTopItems = 10;

    /// <summary>
    /// The council's first sweep, to one manager or specialist: counts by social worker and rule, the
    /// <see cref="BaselineTopItems"/> most urgent items, and (as <see cref="BaselineList"/>) every item as a CSV; from
    /// items read once (<see cref="ReadItemsAsync"/>) for the email and its attachment.
    /// </summary>
    public Dictionary<string, object?> Baseline(EscalationMessage message, IReadOnlyList<ItemFacts> items, string recipientName)
    {
        var overdue = items.Count(i => i.Item.Level != EscalationLevel.DueSoon);
        return new()
        {
            ["recipient_name"] = recipientName,
            ["part"] = PartWords(message.Part),
            ["part_note"] = PartNote(message.Part),
            ["date"] = PeopleDates.Format(message.Period),
            ["summary"] = $"{CountWords.Count(items.Count, "item", "items")} for {CountWords.Count(items.Select(i => i.Item.ChildId).Distinct().Count(), "child", "children")} {(items.Count == 1 ? "was" : "were")} already open when CpAlerts started: {CountWords.OverdueAndDueSoon(overdue, items.Count - overdue)}.",
            ["top_heading"] = items.Count > BaselineTopItems ? $"The {BaselineTopItems} most urgent" : "Most urgent first",
            ["reasons"] = Reasons(message.Items),
            ["counts"] = items.GroupBy(i => (i.Worker, i.Item.Rule)).OrderBy(g => g.Key.Worker, StringComparer.Ordinal).ThenBy(g => g.Key.Rule)
                .Select(g => Row(("worker", g.Key.Worker), ("rule", g.Key.Rule.Title()), ("overdue", g.Count(i => i.Item.Level != EscalationLevel.DueSoon)), ("due_soon", g.Count(i => i.Item.Level == EscalationLevel.DueSoon)))).ToList(),
            // The message's items are most urgent first (NotificationPolicy.ByRecipient).
            ["top_items"] = items.Take(BaselineTopItems).Select(i => i.Model).ToList(),
            ["total"] = CountWords.Count(items.Count, "item", "items"),
            ["attachment"] = BaselineListName(message),
            ["has_links"] = items.Any(i => i.Model["link"] is not null),
            ["names_shown"] = message.Items.Any(i => NamesShownFor(i.Audience)),
        };
    }

    /// <summary>The baseline's attachment: every item, case references only (no names); written as CSV by the adapter that attaches it.</summary>
    public static TableAttachment BaselineList(EscalationMessage message, IReadOnlyList<ItemFacts> items) => new(BaselineListName(message),
        ["case_reference", "what", "due_date", "status", "days_overdue", "social_worker"],
        [.. items.Select(i => new[] { i.Item.ChildId, i.Item.Rule.Title(), LocalDatePattern.Iso.Format(i.Item.DueDate), RuleGuidance.LevelWords(i.Item.Level), i.Item.DaysOverdue.ToString(System.Globalization.CultureInfo.InvariantCulture), i.Worker })]);

    private static string BaselineListName(EscalationMessage message) =>
        message.Part is { } part ? $"cpalerts-baseline-{message.Council}-{LocalDatePattern.Iso.Format(message.Period)}-part-{part.Number}-of-{part.Of}.csv" : $"cpalerts-baseline-{message.Council}-{LocalDatePattern.Iso.Format(message.Period)}.csv";
}
