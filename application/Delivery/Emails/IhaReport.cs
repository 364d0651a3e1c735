using CpAlerts.Application.Messages;
using CpAlerts.Application.Wording;
using CpAlerts.Domain.Calendar;
using CpAlerts.Domain.Recipients;
using CpAlerts.Domain.Records;
using CpAlerts.Domain.Reports;
using CpAlerts.Domain.Rules;
using NodaTime.Text;

namespace CpAlerts.Application.Delivery;

/// <summary>The weekly IHA request report and its attached list: what the template and the CSV see.</summary>
public sealed partial class EmailContent
{
    /// <summary>What the weekly IHA request report is made from: its rows for this reader, the trend, and the names to show.</summary>
    public sealed record IhaReportData(IReadOnlyList<IhaReportRow> Rows, IReadOnlyList<IhaReportCounts> Trend, IReadOnlyDictionary<string, Child> Children, StaffDirectory Staff, bool NamesShown);

    /// <summary>Works the report out from the records of the children the message names, as of its date (the same rules as the sweep that sent it).</summary>
    public async Task<IhaReportData> IhaReportDataAsync(IhaReportMessage message, AlertPolicy policy, WorkingCalendar calendar, CancellationToken cancellationToken)
    {
        var asOf = message.AsOf;
        // The children the weekly pass found for this reader, each read by a range query; an older message without them: every child.
        var children = new List<ChildRecords>();
        if (message.ChildIds is { } ids)
        {
            foreach (var id in ids)
            {
                if (await caseload.ReadChildRecordsAsync(message.Council, id, cancellationToken) is { } child)
                {
                    children.Add(child);
                }
            }
        }
        else
        {
            await foreach (var child in caseload.ReadChildrenAsync(message.Council, cancellationToken))
            {
                children.Add(child);
            }
        }

        var staff = new StaffDirectory(await caseload.ReadStaffAsync(message.Council, cancellationToken));
        var report = new IhaRequestReport(policy, calendar);
        var mine = IhaRequestReport.For(new IhaReportReader(message.Recipient.StaffId, message.TeamOf, message.Audience), children, staff);
        return new IhaReportData(report.Rows(mine, asOf), report.Trend(mine, asOf), children.ToDictionary(c => c.Child.ChildId, c => c.Child, StringComparer.Ordinal), staff,
            NamesShownFor(message.Audience));
    }

    /// <summary>The weekly IHA request report's email: counts with the four weeks before, then every child, not yet requested first.</summary>
    public static Dictionary<string, object?> IhaReport(IhaReportMessage message, IhaReportData data, string recipientName)
    {
        var now = data.Trend[^1];
        var asOf = message.AsOf;
        return new()
        {
            ["recipient_name"] = recipientName,
            ["date"] = PeopleDates.Format(message.AsOf),
            ["scope"] = message.TeamOf is null ? "every child in care" : "your team's children",
            ["summary"] = $"{CountWords.Count(now.InWindow, "child is", "children are")} inside the initial health assessment window: {now.NotYetRequested} not yet requested, {now.RequestedLate} requested late, {now.RequestedOnTime} requested on time.",
            ["trend"] = data.Trend.Select(c => Row(("date", PeopleDates.Format(c.AsOf)), ("in_window", c.InWindow), ("on_time", c.RequestedOnTime), ("late", c.RequestedLate), ("not_yet", c.NotYetRequested))).ToList(),
            ["rows"] = data.Rows.Select(r =>
            {
                var child = data.Children.GetValueOrDefault(r.ChildId);
                var marks = new List<string>();
                if (r.ConsentNeededFromParents)
                {
                    marks.Add("Section 20 without consent: consent needed from the parents");
                }

                if (r.DocumentsMayBeLimited)
                {
                    marks.Add("Unaccompanied asylum-seeking child: documents may be limited");
                }

                return Row(
                    ("reference", r.ChildId),
                    ("name", data.NamesShown && child is not null ? child.FullName : child?.Initials ?? "?. ?."),
                    ("entered_care", PeopleDates.Format(r.EnteredCare)),
                    ("worker", data.Staff.Find(r.SocialWorkerId)?.Name ?? NoWorker),
                    ("requested", r.RequestedOn is { } on ? $"Yes, {PeopleDates.Format(on)}{(r.State == RequestState.RequestedLate ? " (late)" : "")}" : "Not yet"),
                    ("request_deadline", r.RequestedOn is null ? LatenessWords.WorkingDaysWords(r.WorkingDaysToRequestDeadline, r.RequestDeadline < asOf, "left to request", "past the request deadline") : ""),
                    ("iha_deadline", $"{PeopleDates.Format(r.IhaDeadline)}: {LatenessWords.WorkingDaysWords(r.WorkingDaysToIhaDeadline, r.IhaDeadline < asOf, "left", "overdue")}"),
                    ("legal_status", CaseWords.LegalStatusWords(r.LegalStatus)),
                    ("consent", CaseWords.ConsentStatusWords(r.ConsentStatus)),
                    ("uasc", r.Uasc ? "Yes" : "No"),
                    ("marks", marks),
                    ("not_requested", r.RequestedOn is null));
            }).ToList(),
            ["attachment"] = IhaReportListName(message),
            ["names_shown"] = data.NamesShown,
        };
    }

    /// <summary>The report as a spreadsheet: case references only (no names), for the council's own tracking.</summary>
    public static TableAttachment IhaReportList(IhaReportMessage message, IhaReportData data) => IhaReportTable(IhaReportListName(message), data.Rows, data.Staff);

    /// <summary>The report's rows as a spreadsheet (the email's attachment, and `report iha --csv`).</summary>
    public static TableAttachment IhaReportTable(string fileName, IEnumerable<IhaReportRow> rows, StaffDirectory staff) => new(fileName,
        ["case_reference", "entered_care", "social_worker", "requested_on", "request_deadline", "iha_deadline", "working_days_to_iha_deadline", "legal_status", "consent_status", "uasc", "consent_needed_from_parents"],
        [.. rows.Select(r => new[]
        {
            r.ChildId, LocalDatePattern.Iso.Format(r.EnteredCare), staff.Find(r.SocialWorkerId)?.Name ?? "", r.RequestedOn is { } on ? LocalDatePattern.Iso.Format(on) : "",
            LocalDatePattern.Iso.Format(r.RequestDeadline), LocalDatePattern.Iso.Format(r.IhaDeadline), r.WorkingDaysToIhaDeadline.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ExportCodes.Code(r.LegalStatus) ?? "", ExportCodes.Code(r.ConsentStatus) ?? "", r.Uasc ? "yes" : "no", r.ConsentNeededFromParents ? "yes" : "no",
        })]);

    private static string IhaReportListName(IhaReportMessage message) => $"cpalerts-iha-requests-{message.Council}-{LocalDatePattern.Iso.Format(message.AsOf)}.csv";
}
