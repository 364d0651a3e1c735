using CpAlerts.Domain.Calendar;
using CpAlerts.Domain.Escalation;
using CpAlerts.Domain.Recipients;
using CpAlerts.Domain.Records;
using CpAlerts.Domain.Rules;
using NodaTime;

namespace CpAlerts.Domain.Reports;

/// <summary>
/// The weekly health-assessment request report (Cheshire East's remedy for missed IHAs: "a weekly report which
/// highlights whether a health assessment has or has not been requested"): every child inside the IHA window —
/// in care, the IHA of this episode not completed, up to and including the first week after the IHA deadline —
/// and whether the request has gone. Children under section 20 without consent, and unaccompanied asylum-seeking
/// children, are marked: they are the ones the report exists for.
/// </summary>
/// <param name="policy">The council's timescales (IHA request and completion working days).</param>
/// <param name="calendar">The working-day calendar.</param>
public sealed class IhaRequestReport(AlertPolicy policy, WorkingCalendar calendar)
{
    /// <summary>How long after the IHA deadline a child stays on the report: the first week after it.</summary>
    public static readonly Period GraceAfterDeadline = Period.FromDays(7);

    /// <summary>The children inside the IHA window on <paramref name="asOf"/>: not yet requested first, then by IHA deadline.</summary>
    public IReadOnlyList<IhaReportRow> Rows(IEnumerable<ChildRecords> children, LocalDate asOf) =>
        [.. children.Select(c => Row(c, asOf)).OfType<IhaReportRow>()
            .OrderBy(r => r.State == RequestState.NotYetRequested ? 0 : 1).ThenBy(r => r.IhaDeadline).ThenBy(r => r.ChildId, StringComparer.Ordinal)];

    /// <summary>The report's row for one child, or null when the child is not inside the IHA window on <paramref name="asOf"/>.</summary>
    public IhaReportRow? Row(ChildRecords records, LocalDate asOf)
    {
        var child = records.Child;
        if (!child.IsInCareOn(asOf))
        {
            return null;
        }

        var ihaDeadline = calendar.AddWorkingDays(child.EnteredCare, policy.Timescales.IhaCompletionWorkingDays);
        if (records.IhaCompletedBy(asOf) || asOf > ihaDeadline + GraceAfterDeadline)
        {
            return null;
        }

        var requestDeadline = calendar.AddWorkingDays(child.EnteredCare, policy.Timescales.IhaRequestWorkingDays);
        var requested = records.IhaRequestedOn(asOf);
        var state = requested is not { } on ? RequestState.NotYetRequested : on <= requestDeadline ? RequestState.RequestedOnTime : RequestState.RequestedLate;
        return new IhaReportRow(
            child.ChildId, child.EnteredCare, child.SocialWorkerId, requested, requestDeadline, ihaDeadline,
            calendar.WorkingDaysBetween(asOf, requestDeadline), calendar.WorkingDaysBetween(asOf, ihaDeadline),
            child.LegalStatus, child.ConsentStatus, child.Uasc, state,
            ConsentNeededFromParents: child.LegalStatus == LegalStatus.S20 && child.ConsentStatus != ConsentStatus.Given,
            DocumentsMayBeLimited: child.Uasc);
    }

    /// <summary>
    /// Who gets the report, and for which children: each team manager their team's (children whose social worker
    /// they manage), the health team and each head of service every child; the fallback mailbox every child when
    /// the council has neither. Nobody when the window is empty.
    /// </summary>
    public static IReadOnlyList<IhaReportReader> Readers(IReadOnlyCollection<IhaReportRow> rows, RecipientRouting routing)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var staff = routing.Staff;
        var managers = rows.Select(r => staff.Find(staff.Find(r.SocialWorkerId)?.ManagerId)).OfType<StaffMember>()
            .Where(m => m.Role == StaffRole.TeamManager && !string.IsNullOrWhiteSpace(m.Email)).DistinctBy(m => m.StaffId)
            .Select(m => new IhaReportReader(m.StaffId, m.StaffId, AudienceRoles.AudienceOf(m.Role)));
        var everyone = staff.WithRole(StaffRole.HealthTeam).Concat(staff.WithRole(StaffRole.HeadOfService)).Select(m => (m, AudienceRoles.AudienceOf(m.Role)))
            .Where(r => !string.IsNullOrWhiteSpace(r.m.Email)).Select(r => new IhaReportReader(r.m.StaffId, null, r.Item2)).ToList();
        return [.. managers.OrderBy(r => r.StaffId, StringComparer.Ordinal).Concat(everyone.Count > 0 ? everyone : [new IhaReportReader(null, null, Audience.HealthTeam)])];
    }

    /// <summary>The children a reader's report covers: their team's (whose social worker the team manager manages), or every child.</summary>
    public static IReadOnlyList<ChildRecords> For(IhaReportReader reader, IEnumerable<ChildRecords> children, StaffDirectory staff) =>
        [.. reader.TeamOf is not { } manager ? children : children.Where(c => staff.Find(c.Child.SocialWorkerId)?.ManagerId == manager)];

    /// <summary>How many children were in the window on <paramref name="asOf"/>, and how their requests stood.</summary>
    public IhaReportCounts Counts(IEnumerable<ChildRecords> children, LocalDate asOf) => IhaReportCounts.Of(asOf, Rows(children, asOf));

    /// <summary>How many weeks before this one the report's history shows.</summary>
    public const int HistoryWeeks = 4;

    /// <summary>The counts this week and for each of the <paramref name="weeks"/> weeks before (the same weekday), oldest first.</summary>
    public IReadOnlyList<IhaReportCounts> Trend(IReadOnlyCollection<ChildRecords> children, LocalDate asOf, int weeks = HistoryWeeks) =>
        [.. Enumerable.Range(0, weeks + 1).Reverse().Select(w => Counts(children, asOf.PlusWeeks(-w)))];
}

/// <summary>Who gets a copy of the report: a member of staff (null: the fallback mailbox), for one team manager's team or (null) every child.</summary>
/// <param name="StaffId">The reader's staff id, or null for the fallback mailbox.</param>
/// <param name="TeamOf">The team manager whose team's children the reader sees, or null for every child.</param>
/// <param name="Audience">What the reader reads it as (team manager, health team, head of service): decides whether names are shown.</param>
public sealed record IhaReportReader(string? StaffId, string? TeamOf, Audience Audience);

/// <summary>Whether a child's IHA request has gone, and whether in time.</summary>
public enum RequestState
{
    /// <summary>No request recorded for this care episode yet.</summary>
    NotYetRequested,

    /// <summary>Requested within the request timescale (5 working days by default).</summary>
    RequestedOnTime,

    /// <summary>Requested, but after the request timescale.</summary>
    RequestedLate,
}

/// <summary>One child on the weekly IHA request report.</summary>
/// <param name="ChildId">The case reference.</param>
/// <param name="EnteredCare">When this care episode started.</param>
/// <param name="SocialWorkerId">The allocated social worker's staff id, or null.</param>
/// <param name="RequestedOn">When the IHA was requested, or null while not yet.</param>
/// <param name="RequestDeadline">The date the request was due (5 working days by default).</param>
/// <param name="IhaDeadline">The date the IHA must be completed by (20 working days by default).</param>
/// <param name="WorkingDaysToRequestDeadline">Working days left to the request deadline; negative when past it.</param>
/// <param name="WorkingDaysToIhaDeadline">Working days left to the IHA deadline; negative when past it.</param>
/// <param name="LegalStatus">The child's legal status, if recorded.</param>
/// <param name="ConsentStatus">The consent status, if recorded.</param>
/// <param name="Uasc">Whether the child is an unaccompanied asylum-seeking child.</param>
/// <param name="State">Whether the request has gone, and whether in time.</param>
/// <param name="ConsentNeededFromParents">Section 20 and consent not given: the council has no parental responsibility, so consent must come from the parents.</param>
/// <param name="DocumentsMayBeLimited">An unaccompanied asylum-seeking child: health history and documents may be scarce.</param>
public sealed record IhaReportRow(
    string ChildId,
    LocalDate EnteredCare,
    string? SocialWorkerId,
    LocalDate? RequestedOn,
    LocalDate RequestDeadline,
    LocalDate IhaDeadline,
    int WorkingDaysToRequestDeadline,
    int WorkingDaysToIhaDeadline,
    LegalStatus? LegalStatus,
    ConsentStatus? ConsentStatus,
    bool Uasc,
    RequestState State,
    bool ConsentNeededFromParents,
    bool DocumentsMayBeLimited);

/// <summary>The report's counts for one date.</summary>
/// <param name="AsOf">The date counted.</param>
/// <param name="InWindow">Children inside the IHA window.</param>
/// <param name="RequestedOnTime">Of those, requested within the request timescale.</param>
/// <param name="RequestedLate">Requested after it.</param>
/// <param name="NotYetRequested">Not yet requested.</param>
public sealed record IhaReportCounts(LocalDate AsOf, int InWindow, int RequestedOnTime, int RequestedLate, int NotYetRequested)
{
    /// <summary>The counts of the given rows.</summary>
    public static IhaReportCounts Of(LocalDate asOf, IReadOnlyCollection<IhaReportRow> rows) => new(asOf, rows.Count,
        rows.Count(r => r.State == RequestState.RequestedOnTime), rows.Count(r => r.State == RequestState.RequestedLate), rows.Count(r => r.State == RequestState.NotYetRequested));
}
