using CpAlerts.Application.Messages;
using CpAlerts.Application.Wording;

namespace CpAlerts.Application.Delivery;

/// <summary>The social worker's same-day alert: what the template sees.</summary>
public sealed partial class EmailContent
{
    /// <summary>The social worker's same-day alert: the short timescales that became due soon or overdue today.</summary>
    public async Task<Dictionary<string, object?>> SameDayAsync(EscalationMessage message, string recipientName, CancellationToken cancellationToken)
    {
        var items = await ReadItemsAsync(message, cancellationToken);
        var count = message.Items.Count;
        return new()
        {
            ["recipient_name"] = recipientName,
            ["part"] = PartWords(message.Part),
            ["part_note"] = PartNote(message.Part),
            ["date"] = PeopleDates.Format(message.Period),
            ["summary"] = count == 1
                ? "One short timescale for a child you work with needs action now, before the weekly digest."
                : $"{count} short timescales for children you work with need action now, before the weekly digest.",
            ["items"] = items.Select(i => i.Model).ToList(),
            ["has_links"] = items.Any(i => i.Model["link"] is not null),
            ["names_shown"] = message.Items.Any(i => NamesShownFor(i.Audience)),
            ["team_link"] = await TeamLinkAsync(message.Council, message.Recipient, cancellationToken),
        };
    }
}
