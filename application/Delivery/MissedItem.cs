using CpAlerts.Application.Messages;
using CpAlerts.Application.Wording;
using CpAlerts.Domain.Escalation;
using CpAlerts.Domain.Rules;
using NodaTime.Text;

namespace CpAlerts.Application.Delivery;

/// <summary>
/// One thing an email was to tell someone, as an undeliverable notice repeats it to whoever stands in: the
/// child's case reference (never a name), what is due, and when.
/// </summary>
public sealed record MissedItem(string ChildReference, string What, string When)
{
    public static MissedItem From(AlertItem item)
    {
        var due = item.DueAt is { } at ? PeopleDates.DueAt(at) : PeopleDates.Format(item.DueDate);
        return new(item.ChildId, item.Rule.Title(), item.Level == EscalationLevel.DueSoon ? $"due {due}"
            : $"due {due}, {LatenessWords.Lateness(item.Level, item.DaysOverdue, item.DueDate, null, item.HoursOverdue)}");
    }
}
