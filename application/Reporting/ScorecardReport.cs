using CpAlerts.Application.Ports;
using CpAlerts.Domain.Calendar;
using CpAlerts.Domain.Records;
using CpAlerts.Domain.Rules;
using CpAlerts.Domain.Scorecards;
using NodaTime;

namespace CpAlerts.Application.Reporting;

/// <summary>Everything a board paper needs: the council's figures, each team's, and a 12-month trend per measure.</summary>
public sealed record ScorecardReport(
    string Council,
    Scorecard Overall,
    IReadOnlyList<Scorecard> Teams,
    IReadOnlyList<Scorecard> Trend,
    ScorecardPolicy Policy)
{
    public const string NoTeam = "No team recorded";

    /// <summary>The council's commentary for the period (Markdown or plain text), shown under the headline figures; null: none.</summary>
    public string? Commentary { get; init; }

    /// <summary>The council's figures for the period before (the previous month, quarter or year, in full), for the change.</summary>
    public required Scorecard Previous { get; init; }

    /// <summary>
    /// The scorecard from the stored records, as the board is sent it and the `scorecard` verb and the demo show it: the
    /// caseload and the in-hand reasons recorded for late items ("late, with a recorded reason"), withdrawn ones left out.
    /// </summary>
    public static async Task<ScorecardReport> ReadAsync(ICaseloadReader caseload, IAcknowledgementStore acknowledgements, string council, LocalDate asOf, PeriodKind kind,
        WorkingCalendar calendar, AlertPolicy alertPolicy, ScorecardPolicy policy, CancellationToken cancellationToken)
    {
        var records = await caseload.ReadCaseloadAsync(council, cancellationToken);
        var reasons = (await acknowledgements.ReadHistoryAsync(council, cancellationToken)).Where(a => !a.Withdrawn).Select(a => a.Acknowledgement).ToList();
        return Build(council, records, asOf, kind, calendar, alertPolicy, policy, reasons);
    }

    /// <remarks><paramref name="recordedReasons"/>: the acknowledgements recorded (the audit), for "late, with a recorded reason".</remarks>
    public static ScorecardReport Build(string council, Caseload caseload, LocalDate asOf, PeriodKind kind, WorkingCalendar calendar, AlertPolicy alertPolicy, ScorecardPolicy policy,
        IReadOnlyList<Domain.Acknowledgements.Acknowledgement>? recordedReasons = null)
    {
        var calculator = new ScorecardCalculator(calendar, alertPolicy) { RecordedReasons = recordedReasons ?? [] };
        var period = ReportingPeriod.Containing(asOf, kind, policy.YearStartMonth);
        var teamOf = caseload.Staff.ToDictionary(s => s.StaffId, s => s.Team ?? NoTeam, StringComparer.Ordinal);
        var teams = caseload.Children
            .GroupBy(c => c.Child.SocialWorkerId is { } id && teamOf.TryGetValue(id, out var team) ? team : NoTeam)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => calculator.Compute(g, period, g.Key))
            .ToList();
        var trend = ReportingPeriod.MonthsEndingWith(asOf, 12).Select(m => calculator.Compute(caseload.Children, m, council)).ToList();
        var previous = ReportingPeriod.Containing(period.Start.PlusDays(-1), kind, policy.YearStartMonth);
        return new ScorecardReport(council, calculator.Compute(caseload.Children, period, council), teams, trend, policy)
        {
            Previous = calculator.Compute(caseload.Children, previous, council),
        };
    }
}
