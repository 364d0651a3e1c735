using CpAlerts.Domain.Calendar;
using NodaTime;

namespace CpAlerts.Domain.Rules;

/// <summary>What every rule needs besides the child's records: the as-of instant, calendar and policy.</summary>
/// <param name="asOf">The moment the rules are evaluated at; later records have not happened yet.</param>
/// <param name="calendar">The working-day calendar.</param>
/// <param name="policy">The council's timescales and escalations.</param>
public sealed class EvaluationContext(Instant asOf, WorkingCalendar calendar, AlertPolicy policy)
{
    /// <summary>The moment the rules are evaluated at (UTC).</summary>
    public Instant AsOf { get; } = asOf;

    /// <summary>The Europe/London date of the as-of instant: what date rules compare against.</summary>
    public LocalDate AsOfDate { get; } = LondonTime.DateOf(asOf);

    /// <summary>The working-day calendar the rules count with.</summary>
    public WorkingCalendar Calendar { get; } = calendar;

    /// <summary>The council's timescales and escalations.</summary>
    public AlertPolicy Policy { get; } = policy;

    /// <summary>The policy's timescales (20 working days for the IHA, and so on).</summary>
    public Timescales Timescales => Policy.Timescales;

    /// <summary>Has the record happened by the as-of date? Later dates have not happened yet.</summary>
    public bool HasHappened(LocalDate? date) => date is { } d && d <= AsOfDate;

    /// <summary>Has the event happened by the as-of instant? Null means it has not happened.</summary>
    public bool HasHappened(Instant? instant) => instant is { } i && i <= AsOf;

    /// <summary>Is the date within [<paramref name="from"/>, as-of date]: in this care episode and not in the future?</summary>
    public bool HappenedSince(LocalDate? date, LocalDate from) => date is { } d && d >= from && d <= AsOfDate;

    /// <summary>The finding for an unmet date rule, or null when it is neither overdue nor due soon.</summary>
    public Finding? Classify(RuleId rule, string childId, string subjectId, LocalDate due)
    {
        var daysUntilDue = Period.DaysBetween(AsOfDate, due);
        if (daysUntilDue > Timescales.DueSoonWindowDays)
        {
            return null;
        }

        return Create(rule, childId, subjectId, due, null, overdue: daysUntilDue < 0, daysOverdue: Math.Max(0, -daysUntilDue));
    }

    /// <summary>The finding for an unmet instant rule (return interviews), measured in whole 24-hour days.</summary>
    public Finding? Classify(RuleId rule, string childId, string subjectId, Instant dueAt)
    {
        var untilDue = dueAt - AsOf;
        if (untilDue > Duration.FromDays(Timescales.DueSoonWindowDays))
        {
            return null;
        }

        var overdue = dueAt < AsOf;
        var daysOverdue = overdue ? (int)Math.Floor((AsOf - dueAt).TotalDays) : 0;
        return Create(rule, childId, subjectId, LondonTime.DateOf(dueAt), dueAt, overdue, daysOverdue) with
        {
            HoursOverdue = overdue ? (int)Math.Floor((AsOf - dueAt).TotalHours) : null,
        };
    }

    private Finding Create(RuleId rule, string childId, string subjectId, LocalDate due, Instant? dueAt, bool overdue, int daysOverdue)
    {
        var escalation = Policy.EscalationFor(rule);
        var level = escalation.LevelFor(overdue, daysOverdue);
        return new Finding(
            rule, childId, subjectId, due, dueAt,
            overdue ? FindingStatus.Overdue : FindingStatus.DueSoon,
            daysOverdue, level, escalation.AudiencesAt(level));
    }
}
