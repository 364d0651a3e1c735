using CpAlerts.Domain.Acknowledgements;
using CpAlerts.Domain.Calendar;
using CpAlerts.Domain.Escalation;
using CpAlerts.Domain.Recipients;
using CpAlerts.Domain.Records;
using CpAlerts.Domain.Rules;
using NodaTime;

namespace CpAlerts.Domain.Notifications;

/// <summary>
/// What is sent to whom, and when (RULES.md, "What gets sent, and when"), decided from findings and
/// staff records alone: the sweep that calls it only reads, claims and writes.
/// </summary>
/// <param name="policy">The council's timescales and escalation audiences.</param>
/// <param name="calendar">The working-day calendar for the IHA deadline.</param>
public sealed class NotificationPolicy(AlertPolicy policy, WorkingCalendar calendar)
{
    /// <summary>The council's "most urgent first", for every list a person reads.</summary>
    public Urgency Urgency { get; } = new(policy);

    /// <summary>
    /// The audiences an escalation alert goes to when a finding newly reaches <paramref name="levels"/>:
    /// those the levels add, except the social worker, who hears about every finding in the weekly digest.
    /// </summary>
    public IReadOnlyList<Audience> EscalationAudiences(RuleId rule, IEnumerable<EscalationLevel> levels)
    {
        var escalation = policy.EscalationFor(rule);
        return [.. levels.Distinct().Order().SelectMany(l => escalation.AddedAt(l)).Where(a => a != Audience.SocialWorker).Distinct()];
    }

    /// <summary>The escalation notices for one finding that newly reached <paramref name="levels"/>, each audience resolved to people.</summary>
    public IReadOnlyList<Notice> Escalations(ChildRecords child, Finding finding, IEnumerable<EscalationLevel> levels, RecipientRouting routing) =>
        [.. routing.Route(child.Child, EscalationAudiences(finding.Rule, levels)).Select(a => new Notice(finding, a))];

    /// <summary>
    /// The same-day alert for a finding of a short timescale as it becomes due soon and again as it becomes overdue
    /// (newly reached <paramref name="levels"/> 0 or 1): to the child's social worker (or whoever stands in), that
    /// day, whatever day it is. None for other rules, and none at level 2, which tells the head of service.
    /// </summary>
    /// <remarks>
    /// On a council's first sweep (<paramref name="firstSweep"/>) only what is still due soon is alerted: a breach
    /// that happened before CpAlerts started is in the baseline summary and the digest, not a "today" email.
    /// </remarks>
    public IReadOnlyList<Notice> SameDayAlerts(ChildRecords child, Finding finding, IReadOnlyCollection<EscalationLevel> levels, RecipientRouting routing, bool firstSweep = false) =>
        policy.EscalationFor(finding.Rule).SameDayAlert && levels.Any(l => l <= EscalationLevel.Overdue)
            && !(firstSweep && finding.Level != EscalationLevel.DueSoon)
            ? [.. routing.Route(child.Child, [Audience.SocialWorker]).Select(a => new Notice(finding, a))]
            : [];

    /// <summary>
    /// Whether telling anyone about a finding of this rule waits for the next working day: on weekends and bank
    /// holidays only the short timescales (those with same-day alerts, and their escalations) are sent; a dental
    /// check a month late can wait for a manager's working day.
    /// </summary>
    public bool WaitsForWorkingDay(RuleId rule, LocalDate today) =>
        !policy.EscalationFor(rule).SameDayAlert && !calendar.IsWorkingDay(today);

    /// <summary>How close the IHA's deadline may be, in working days, for its request to be marked urgent.</summary>
    public const int UrgentWithinWorkingDays = 2;

    /// <summary>
    /// Whether the health team must book at once: the IHA is due within <see cref="UrgentWithinWorkingDays"/> working days
    /// of <paramref name="today"/> (a child recorded late, or a request that went late), or already past.
    /// </summary>
    public bool IhaRequestIsUrgent(LocalDate today, LocalDate ihaDue) => calendar.WorkingDaysBetween(today, ihaDue) <= UrgentWithinWorkingDays;

    /// <summary>
    /// When the health team is asked to book an IHA: a child in care whose IHA of this episode is not done
    /// and whose IHA deadline has not passed (once it has, the overdue IHA escalates instead; a first import
    /// of an existing caseload does not ask for every child). The answer is that deadline.
    /// </summary>
    public LocalDate? IhaRequestDue(ChildRecords child, EvaluationContext context)
    {
        var c = child.Child;
        if (!c.IsInCareOn(context.AsOfDate) || child.IhaCompletedBy(context.AsOfDate))
        {
            return null;
        }

        var due = calendar.AddWorkingDays(c.EnteredCare, policy.Timescales.IhaCompletionWorkingDays);
        return context.AsOfDate <= due ? due : null;
    }

    /// <summary>
    /// The latest date an item may be said to be in hand until: the rule's level-2 threshold in days (5 for an IHA request,
    /// 60 for a dental check by default) from the day it was first said to be in hand, <paramref name="firstSaidOn"/> —
    /// so saying it again, or ending it and saying it again, never holds it longer: nothing is silenced for ever.
    /// </summary>
    public LocalDate LatestInHandUntil(RuleId rule, LocalDate firstSaidOn) => firstSaidOn.PlusDays(policy.EscalationFor(rule).Level2ThresholdDays);

    /// <summary>
    /// Whether an acknowledgement may be recorded as asked: until today at the earliest and <see cref="LatestInHandUntil"/>
    /// (from <paramref name="firstSaidOn"/>, the first time anyone said so, else today) at the latest; "other" needs words.
    /// Null when it may, else what is wrong, in words.
    /// </summary>
    public string? AcknowledgementProblem(RuleId rule, AcknowledgementReason reason, string? otherReason, LocalDate until, LocalDate today, LocalDate? firstSaidOn = null)
    {
        var first = firstSaidOn is { } f && f < today ? f : today;
        var latest = LatestInHandUntil(rule, first);
        var limit = $"An item can be in hand for at most {Period.DaysBetween(first, latest)} days from when it was first said to be ({rule.Title().ToLowerInvariant()})";
        if (latest < today)
        {
            return $"{limit}, and this one has been since {PeopleDate.Format(first)}: it cannot be held any longer.";
        }

        if (!TimescaleReasons.Fits(rule, reason))
        {
            return $"Choose one of the reasons listed: \"{reason.Words()}\" does not hold up {rule.Title().ToLowerInvariant()}.";
        }

        if (until < today)
        {
            return "The date it is in hand until has passed: choose today or a later date.";
        }

        if (until > latest)
        {
            return $"{limit}: choose {PeopleDate.Format(latest)} or earlier.";
        }

        if (reason != AcknowledgementReason.Other)
        {
            return null;
        }

        return string.IsNullOrWhiteSpace(otherReason) ? "Say in a few words why it is in hand."
            : PlainText.LooksPersonal(otherReason) ? "Leave out phone numbers, email addresses and names: say what is being done, for example \"dentist booked, date to follow\"."
            : null;
    }

    /// <summary>Whether the finding is in hand on <paramref name="today"/> by this acknowledgement (one of another finding does not count).</summary>
    public static InHandState InHand(Finding finding, Acknowledgement? acknowledgement, LocalDate today) =>
        acknowledgement is null || acknowledgement.FindingKey != finding.Key ? InHandState.None
        : acknowledgement.IsActiveOn(today) ? InHandState.InHand
        : InHandState.Lapsed;

    /// <summary>
    /// Whether telling anyone about the finding's level is held today: it is in hand and has risen above the level
    /// it was acknowledged at. Held levels are left unclaimed, so the morning after the in-hand date (if the finding
    /// is still open) the sweep escalates them as it would have, saying the in-hand date lapsed.
    /// </summary>
    public static bool Holds(Finding finding, Acknowledgement? acknowledgement, LocalDate today) =>
        InHand(finding, acknowledgement, today) == InHandState.InHand && finding.Level > acknowledgement!.AtLevel;

    /// <summary>Who the IHA request goes to: the child's health team.</summary>
    public static IReadOnlyList<Addressee> IhaRequestAddressees(ChildRecords child, RecipientRouting routing) =>
        routing.Route(child.Child, [Audience.HealthTeam]);

    /// <summary>The weekly digest's notices for one child: every finding, to the child's social worker (or whoever stands in).</summary>
    public static IReadOnlyList<Notice> DigestNotices(ChildRecords child, IReadOnlyCollection<Finding> findings, RecipientRouting routing) =>
        findings.Count == 0 ? [] : [.. routing.Route(child.Child, [Audience.SocialWorker]).SelectMany(a => findings.Select(f => new Notice(f, a)))];

    /// <summary>
    /// The digest's order: what can still be done this week first (due within 7 days, or overdue by at most 7),
    /// then the rest most urgent first — so a deadline still achievable on Wednesday is not buried under dental
    /// checks a year late.
    /// </summary>
    public static IReadOnlyList<Notice> ThisWeekFirst(IEnumerable<Notice> notices, LocalDate asOfDate, Urgency? urgency = null) =>
        [.. notices.OrderBy(n => n.Finding, DigestOrder(asOfDate, urgency))];

    /// <summary>The digest's order of findings (<see cref="ThisWeekFirst"/>), which the team view keeps too: this week's first, each part most urgent first.</summary>
    public static IComparer<Finding> DigestOrder(LocalDate asOfDate, Urgency? urgency = null)
    {
        var order = (urgency ?? Urgency.Default).Order;
        return Comparer<Finding>.Create((a, b) =>
        {
            var c = (IsThisWeek(a, asOfDate) ? 0 : 1).CompareTo(IsThisWeek(b, asOfDate) ? 0 : 1);
            if (c == 0) c = order.Compare(a, b);
            return c != 0 ? c : string.CompareOrdinal(a.Key, b.Key);
        });
    }

    /// <summary>Due within the next 7 days, or overdue by at most 7.</summary>
    public static bool IsThisWeek(Finding finding, LocalDate asOfDate) =>
        IsThisWeek(finding.Status == FindingStatus.Overdue, finding.DaysOverdue, finding.DueDate, asOfDate);

    /// <summary>Due within the next 7 days, or overdue by at most 7, from a finding's facts as a message carries them.</summary>
    public static bool IsThisWeek(bool overdue, int daysOverdue, LocalDate dueDate, LocalDate asOfDate) =>
        overdue ? daysOverdue <= 7 : Period.DaysBetween(asOfDate, dueDate) <= 7;

    /// <summary>
    /// Which of a child's findings are new since last week's digest: those the same records did not give at
    /// <paramref name="lastDigest"/> (default: a week before the as-of instant; after a bank holiday Monday the
    /// digests are 8 days apart). A finding is the same while its rule, subject and due date are. Worked out from
    /// the records rather than from what was sent, so it needs no state and a re-run gives the same answer.
    /// </summary>
    public IReadOnlySet<string> NewSinceLastWeek(ChildRecords child, IEnumerable<Finding> findings, EvaluationContext context, Instant? lastDigest = null)
    {
        var weekBefore = new EvaluationContext(lastDigest ?? context.AsOf - Duration.FromDays(7), calendar, policy);
        var before = RulesEngine.Standard.Evaluate(child, weekBefore).Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        return findings.Select(f => f.Key).Where(k => !before.Contains(k)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// One email per recipient (a person by staff id, an ICB's health team mailbox, or the fallback mailbox): a manager who is told as two
    /// audiences gets one email; each notice once; most urgent first (<see cref="Urgency"/>, the council's).
    /// </summary>
    public static IReadOnlyList<RecipientNotices> ByRecipient(IEnumerable<Notice> notices, Urgency? urgency = null) =>
        [.. notices.Distinct()
            .GroupBy(n => (n.Addressee.StaffId, n.Addressee.HealthTeamIcb))
            .OrderBy(g => g.Key.StaffId ?? "", StringComparer.Ordinal).ThenBy(g => g.Key.HealthTeamIcb ?? "", StringComparer.Ordinal)
            .Select(g => new RecipientNotices(g.Key.StaffId, [.. g.OrderBy(n => n.Finding, (urgency ?? Urgency.Default).Order)
                .ThenBy(n => n.Finding.Key, StringComparer.Ordinal).ThenBy(n => n.Addressee.Audience)]) { HealthTeamIcb = g.Key.HealthTeamIcb })];
}
