using System.Collections.Immutable;
using CpAlerts.Application.Configuration;
using CpAlerts.Application.Messages;
using CpAlerts.Application.Ports;
using CpAlerts.Application.Reporting;
using CpAlerts.Domain.Calendar;
using CpAlerts.Domain.Escalation;
using CpAlerts.Domain.Recipients;
using CpAlerts.Domain.Records;
using CpAlerts.Domain.Reports;
using CpAlerts.Domain.Rules;
using NodaTime;
using NodaTime.Text;

namespace CpAlerts.Application.Delivery;

/// <summary>
/// The values each template sees, built from a message and the records it points to. Only what
/// RULES.md allows: case reference, initials (names only where a council opted in for the audience),
/// the rule's name and dates. Values are plain text here; the HTML renderer encodes them all.
/// </summary>
public sealed class EmailContent(ICaseloadReader caseload, DeliverySettings settings)
{
    /// <summary>Dates as people read them in every email and report: "Tue 1 Dec 2026".</summary>
    public static readonly LocalDatePattern PeopleDate = LocalDatePattern.CreateWithInvariantCulture("ddd d MMM uuuu");

    /// <summary>
    /// The weekly digest as one compact list: what can still be done this week first, then the rest, each item
    /// with its child, "new" when it was not in last week's digest, and how old the records are.
    /// </summary>
    public async Task<Dictionary<string, object?>> DigestAsync(DigestMessage message, string recipientName, CancellationToken cancellationToken)
    {
        var today = Day(message.AsOf ?? message.WeekOf);
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

        bool ThisWeek(AlertItem i) => today is { } d && LocalDatePattern.Iso.Parse(i.DueDate) is { Success: true } due
            && Domain.Notifications.NotificationPolicy.IsThisWeek(i.Level != EscalationLevel.DueSoon, i.DaysOverdue, due.Value, d);
        var overdue = message.Items.Count(i => i.Level > 0);
        var fresh = message.Items.Count(i => i.New);
        return new()
        {
            ["recipient_name"] = recipientName,
            ["part"] = PartWords(message.Part),
            ["part_note"] = PartNote(message.Part),
            ["week_of"] = Date(message.WeekOf),
            ["summary"] = $"{Count(message.Items.Count, "item", "items")} for {Count(facts.Count, "child", "children")}: {OverdueAndDueSoon(overdue, message.Items.Count - overdue)}{(fresh == 0 ? "" : $"; {fresh} new since last week")}.",
            ["this_week"] = rows.Where(r => ThisWeek(r.Item)).Select(r => (IReadOnlyDictionary<string, object?>)r.Model).ToList(),
            ["later"] = rows.Where(r => !ThisWeek(r.Item)).Select(r => (IReadOnlyDictionary<string, object?>)r.Model).ToList(),
            ["records_as_at"] = RecordsAsAt(message),
            ["standing_in"] = message.Items.Any(i => i.StandingInFor is not null),
            ["names_shown"] = settings.FullNamesFor.Contains(Audience.SocialWorker),
            ["team_link"] = await TeamLinkAsync(message.Council, message.Recipient, cancellationToken),
        };
    }

    /// <summary>"part 2 of 3" for the subject, when the list was longer than one message may be (Messages/MessagePart.cs).</summary>
    private static string? PartWords(Messages.MessagePart? part) => part is null ? null : $"part {part.Number} of {part.Of}";

    /// <summary>Why there is more than one email, at the top of each part.</summary>
    private static string? PartNote(Messages.MessagePart? part) => part is null ? null
        : $"This list was too long for one email, so it comes in {part.Of} emails, each with different items, most urgent first. This is part {part.Number} of {part.Of}.";

    /// <summary>"Records as at Mon 30 Nov 2026 22:15", with a warning when the last import is more than two days before the digest.</summary>
    private static string RecordsAsAt(DigestMessage message)
    {
        if (message.RecordsAsAt is not { } iso || InstantPattern.ExtendedIso.Parse(iso) is not { Success: true } parsed)
        {
            return "The date of the records is not known.";
        }

        var at = Domain.Calendar.LondonTime.LocalDateTimeOf(parsed.Value);
        var words = $"Records as at {LocalDateTimePattern.CreateWithInvariantCulture("ddd d MMM uuuu HH:mm").Format(at)}, the latest import from the case-management system.";
        return Day(message.AsOf ?? message.WeekOf) is { } today && Period.DaysBetween(at.Date, today) is var days && days > 2
            ? $"{words} That is {days} days ago: anything recorded since is not included. Tell your CpAlerts administrator if imports have stopped."
            : words;
    }

    /// <summary>
    /// A manager's or specialist's escalation: counts by social worker first, then the items grouped by worker
    /// (overdue apart from due soon), each with an action written for the reader, and why they are told once.
    /// </summary>
    public async Task<Dictionary<string, object?>> EscalationAsync(EscalationMessage message, string recipientName, CancellationToken cancellationToken)
    {
        var items = await ReadItemsAsync(message, cancellationToken);
        var overdue = items.Count(i => i.Item.Level != EscalationLevel.DueSoon);
        return new()
        {
            ["recipient_name"] = recipientName,
            ["part"] = PartWords(message.Part),
            ["part_note"] = PartNote(message.Part),
            ["date"] = Date(message.Period),
            ["summary"] = $"{Count(items.Count, "item", "items")} for {Count(items.Select(i => i.Item.ChildId).Distinct().Count(), "child", "children")}: {OverdueAndDueSoon(overdue, items.Count - overdue)}.",
            ["timescales"] = Timescales(message.Items),
            // Only items coming up (the health team's and IROs' due-soon news) is not an escalation: say so.
            ["title"] = overdue == 0 ? "Coming up" : "Timescales escalation",
            ["has_links"] = items.Any(i => i.Model["link"] is not null),
            ["headline"] = OverdueAndDueSoon(overdue, items.Count - overdue),
            ["reasons"] = Reasons(message.Items),
            ["counts"] = items.GroupBy(i => i.Worker).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => Row(("worker", g.Key), ("overdue", g.Count(i => i.Item.Level != EscalationLevel.DueSoon)), ("due_soon", g.Count(i => i.Item.Level == EscalationLevel.DueSoon)))).ToList(),
            // What needs the reader's attention first, and what is only coming up (the health team's due-soon IHAs).
            ["overdue_groups"] = ByWorker(items.Where(i => i.Item.Level != EscalationLevel.DueSoon)),
            ["due_soon_groups"] = ByWorker(items.Where(i => i.Item.Level == EscalationLevel.DueSoon)),
            ["names_shown"] = message.Items.Any(i => settings.FullNamesFor.Contains(i.Audience)),
            ["team_link"] = await TeamLinkAsync(message.Council, message.Recipient, cancellationToken),
        };
    }

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
            ["date"] = Date(message.Period),
            ["summary"] = $"{Count(items.Count, "item", "items")} for {Count(items.Select(i => i.Item.ChildId).Distinct().Count(), "child", "children")} {(items.Count == 1 ? "was" : "were")} already open when CpAlerts started: {OverdueAndDueSoon(overdue, items.Count - overdue)}.",
            ["top_heading"] = items.Count > BaselineTopItems ? $"The {BaselineTopItems} most urgent" : "Most urgent first",
            ["reasons"] = Reasons(message.Items),
            ["counts"] = items.GroupBy(i => (i.Worker, i.Item.Rule)).OrderBy(g => g.Key.Worker, StringComparer.Ordinal).ThenBy(g => g.Key.Rule)
                .Select(g => Row(("worker", g.Key.Worker), ("rule", g.Key.Rule.Title()), ("overdue", g.Count(i => i.Item.Level != EscalationLevel.DueSoon)), ("due_soon", g.Count(i => i.Item.Level == EscalationLevel.DueSoon)))).ToList(),
            // The message's items are most urgent first (NotificationPolicy.ByRecipient).
            ["top_items"] = items.Take(BaselineTopItems).Select(i => i.Model).ToList(),
            ["total"] = Count(items.Count, "item", "items"),
            ["attachment"] = BaselineListName(message),
            ["has_links"] = items.Any(i => i.Model["link"] is not null),
            ["names_shown"] = message.Items.Any(i => settings.FullNamesFor.Contains(i.Audience)),
        };
    }

    /// <summary>The baseline's attachment: every item, case references only (no names); written as CSV by the adapter that attaches it.</summary>
    public static TableAttachment BaselineList(EscalationMessage message, IReadOnlyList<ItemFacts> items) => new(BaselineListName(message),
        ["case_reference", "what", "due_date", "status", "days_overdue", "social_worker"],
        [.. items.Select(i => new[] { i.Item.ChildId, i.Item.Rule.Title(), i.Item.DueDate, RuleGuidance.LevelWords(i.Item.Level), i.Item.DaysOverdue.ToString(System.Globalization.CultureInfo.InvariantCulture), i.Worker })]);

    private static string BaselineListName(EscalationMessage message) =>
        message.Part is { } part ? $"cpalerts-baseline-{message.Council}-{message.Period}-part-{part.Number}-of-{part.Of}.csv" : $"cpalerts-baseline-{message.Council}-{message.Period}.csv";

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
            ["date"] = Date(message.Period),
            ["summary"] = count == 1
                ? "One short timescale for a child you work with needs action now, before the weekly digest."
                : $"{count} short timescales for children you work with need action now, before the weekly digest.",
            ["items"] = items.Select(i => i.Model).ToList(),
            ["has_links"] = items.Any(i => i.Model["link"] is not null),
            ["names_shown"] = message.Items.Any(i => settings.FullNamesFor.Contains(i.Audience)),
            ["team_link"] = await TeamLinkAsync(message.Council, message.Recipient, cancellationToken),
        };
    }

    /// <summary>Each item with its child's and social worker's records (each read once) and its template values.</summary>
    /// <summary>One item of a manager's email with its social worker's name and its template values.</summary>
    public sealed record ItemFacts(AlertItem Item, string Worker, IReadOnlyDictionary<string, object?> Model);

    public async Task<IReadOnlyList<ItemFacts>> ReadItemsAsync(EscalationMessage message, CancellationToken cancellationToken)
    {
        var children = new Dictionary<string, Child?>(StringComparer.Ordinal);
        var workers = new Dictionary<string, StaffMember?>(StringComparer.Ordinal);
        var result = new List<ItemFacts>();
        foreach (var item in message.Items)
        {
            if (!children.TryGetValue(item.ChildId, out var child))
            {
                children[item.ChildId] = child = await caseload.ReadChildAsync(message.Council, item.ChildId, cancellationToken);
            }

            StaffMember? worker = null;
            if (child?.SocialWorkerId is { } id && !workers.TryGetValue(id, out worker))
            {
                workers[id] = worker = await caseload.ReadStaffMemberAsync(message.Council, id, cancellationToken);
            }

            var model = new Dictionary<string, object?>(ChildFacts(item.ChildId, child, item.Audience))
            {
                ["worker"] = worker?.Name ?? NoWorker,
                ["why"] = StandingIn(item),
            }.Concat(Item(item, Day(message.Period))).ToDictionary();
            model["what_to_do"] = RuleGuidance.WhatToDo(item.Rule, item.Audience, worker?.Name);
            await AddInHandAsync(model, message.Council, message.Recipient, item, Day(message.Period), workers, cancellationToken);
            result.Add(new ItemFacts(item, worker?.Name ?? NoWorker, model));
        }

        return result;
    }

    private const string NoWorker = "No social worker allocated";

    /// <summary>The team view, for a member of staff (a mailbox cannot sign in); null without the app's address.</summary>
    /// <summary>
    /// "See all your open items": only for a reader the team view lets in (a social worker, team manager or head of service,
    /// <see cref="Domain.Recipients.TeamScope.For"/>); an IRO, the health team or the dental adviser would meet a refusal.
    /// </summary>
    private async Task<string?> TeamLinkAsync(string council, MessageRecipient recipient, CancellationToken cancellationToken) =>
        recipient.StaffId is { } id && settings.Web.TeamLink(council) is { } link
        && await caseload.ReadStaffMemberAsync(council, id, cancellationToken) is { } reader && TeamScope.HasTeamView(reader.Role)
            ? link
            : null;

    /// <summary>
    /// "In hand until …, by …: reason", or that the date lapsed; and, for those who can act on it, the link to say it is
    /// in hand (when the team view's address is configured). Names are read from the staff records, once each.
    /// </summary>
    private async Task AddInHandAsync(Dictionary<string, object?> model, string council, MessageRecipient recipient, AlertItem item, LocalDate? today,
        Dictionary<string, StaffMember?> staff, CancellationToken cancellationToken)
    {
        // Only to a member of staff: a mailbox (the fallback, a health team) cannot sign in to the team view.
        model["acknowledge_link"] = recipient.StaffId is not null && AudienceRoles.HasTeamView(item.Audience) ? settings.Web.AcknowledgeLink(council, item.ChildId, item.FindingKey) : null;
        model["acknowledge_words"] = "Say this is in hand";
        model["in_hand"] = null;
        model["in_hand_lapsed"] = false;
        if (item.InHand is not { } note || LocalDatePattern.Iso.Parse(note.Until) is not { Success: true } until)
        {
            return;
        }

        if (!staff.TryGetValue(note.ByStaffId, out var by))
        {
            staff[note.ByStaffId] = by = await caseload.ReadStaffMemberAsync(council, note.ByStaffId, cancellationToken);
        }

        var reason = Domain.Acknowledgements.AcknowledgementReasons.TryParse(note.Reason, out var r) ? Domain.Acknowledgements.AcknowledgementReasons.Words(r) : "reason not known";
        var lapsed = today is { } d && until.Value < d;
        model["in_hand_lapsed"] = lapsed;
        model["acknowledge_words"] = lapsed ? "Say this is in hand" : "Change or end \"in hand\"";
        model["in_hand"] = InHandWords(until.Value, by?.Name ?? "a colleague", reason, lapsed);
    }

    /// <summary>"In hand until Tue 8 Dec 2026, by Sam Worker: appointment booked.", or that the date passed: emails and the team view.</summary>
    public static string InHandWords(LocalDate until, string by, string reason, bool lapsed) => lapsed
        ? $"Was in hand until {PeopleDate.Format(until)} ({by}: {reason}); that date has passed and it is still open."
        : $"In hand until {PeopleDate.Format(until)}, by {by}: {reason}.";

    /// <summary>The items grouped by social worker, most items first, each group with its counts in words.</summary>
    private static List<IReadOnlyDictionary<string, object?>> ByWorker(IEnumerable<ItemFacts> items) =>
        [.. items.GroupBy(i => i.Worker).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Row(("worker", g.Key), ("count", $"{Count(g.Count(), "item", "items")} for {Count(g.Select(i => i.Item.ChildId).Distinct().Count(), "child", "children")}"),
                ("items", g.Select(i => i.Model).ToList())))];

    /// <summary>Why the reader is told, once per audience (not on every row).</summary>
    private static List<string> Reasons(IEnumerable<AlertItem> items) =>
        [.. items.Where(i => i.StandingInFor is null).GroupBy(i => i.Audience).OrderBy(g => g.Key).Select(g => RuleGuidance.WhyTold(g.Key, g.Select(i => i.Level)))];

    private static Dictionary<string, object?> Row(params (string Key, object? Value)[] values) => values.ToDictionary(v => v.Key, v => v.Value);

    /// <summary>
    /// The health team's IHA request, with what CoramBAAF's IHA referral (Part A) asks for so the team can book
    /// from the email: the child's name and NHS number (names can be turned off), date of birth, sex, language and
    /// interpreter, UASC, legal status, where the child is placed, the carer, GP, and consent with what to do
    /// when it is not given. Anything the export does not have says "not recorded".
    /// </summary>
    public async Task<Dictionary<string, object?>> IhaRequestAsync(IhaRequestMessage message, string recipientName, CancellationToken cancellationToken)
    {
        var child = await caseload.ReadChildAsync(message.Council, message.ChildId, cancellationToken);
        var worker = child?.SocialWorkerId is { } id ? await caseload.ReadStaffMemberAsync(message.Council, id, cancellationToken) : null;
        var referral = child?.Referral ?? HealthReferral.None;
        var workerName = worker?.Name ?? "the team manager (no social worker is allocated)";
        return new Dictionary<string, object?>(ChildFacts(message.ChildId, child, Audience.HealthTeam))
        {
            ["recipient_name"] = recipientName,
            ["name"] = settings.IhaRequestShowsName && child is not null && child.FullName is { Length: > 0 } full ? full : null,
            ["opening"] = message.RequestedOn is { } requested
                ? $"The social worker requested this initial health assessment on {Date(requested)}."
                : $"A child entered care on {Date(message.EnteredCare)} and needs an initial health assessment.",
            ["nhs_number"] = referral.NhsNumber?.ToString() ?? NotRecorded,
            ["date_of_birth"] = child is null ? NotRecorded : PeopleDate.Format(child.DateOfBirth),
            ["sex"] = referral.Sex switch { Sex.Female => "Female", Sex.Male => "Male", Sex.Other => "Other", Sex.NotKnown => "Not known", _ => NotRecorded },
            ["first_language"] = referral.FirstLanguage ?? NotRecorded,
            ["interpreter"] = referral.InterpreterNeeded switch { true => "Needed", false => "Not needed", null => NotRecorded },
            ["uasc"] = child?.Uasc == true ? "Yes: an unaccompanied asylum-seeking child. Health history and documents may be limited; allow extra time and an interpreter if needed." : "No",
            ["legal_status"] = LegalStatusWords(child?.LegalStatus),
            ["placement_area"] = child?.PlacementArea ?? NotRecorded,
            ["postcode_district"] = referral.PlacementPostcodeDistrict ?? NotRecorded,
            ["host_icb"] = child?.PlacementIcb is not { } icb ? "The council's own area"
                : settings.HealthTeams.ByIcb.TryGetValue(icb, out var team) ? $"{team.Name} (ICB code {icb})" : $"ICB code {icb} (no health team mailbox is set for it, so the council's health team is told)",
            ["carer"] = referral.CarerName ?? NotRecorded,
            ["carer_phone"] = referral.CarerPhone ?? NotRecorded,
            ["gp_practice"] = referral.GpPractice ?? NotRecorded,
            ["consent"] = ConsentWords(child?.ConsentStatus, referral),
            ["consent_guidance"] = ConsentGuidance(child, workerName),
            ["social_worker"] = worker?.Name ?? "no social worker allocated",
            ["social_worker_email"] = worker?.Email ?? "",
            ["entered_care"] = Date(message.EnteredCare),
            ["iha_due"] = Date(message.IhaDueDate),
        };
    }

    private const string NotRecorded = "not recorded";

    /// <summary>The consent status in the report's words ("given", "awaited", "refused", "not recorded"): email, CSV and the CLI alike.</summary>
    public static string ConsentStatusWords(ConsentStatus? status) => status switch
    {
        ConsentStatus.Given => "given",
        ConsentStatus.Pending => "awaited",
        ConsentStatus.Refused => "refused",
        _ => NotRecorded,
    };

    /// <summary>A legal status in words: "Section 20 (accommodated with consent)", "Care order".</summary>
    public static string LegalStatusWords(LegalStatus? status) => status switch
    {
        LegalStatus.S20 => "Section 20 (accommodated with consent)",
        LegalStatus.CareOrder => "Care order",
        LegalStatus.InterimCareOrder => "Interim care order",
        LegalStatus.PlacementOrder => "Placement order",
        LegalStatus.Remand => "Remand",
        LegalStatus.Other => "Other",
        _ => NotRecorded,
    };

    /// <summary>What the weekly IHA request report is made from: its rows for this reader, the trend, and the names to show.</summary>
    public sealed record IhaReportData(IReadOnlyList<IhaReportRow> Rows, IReadOnlyList<IhaReportCounts> Trend, IReadOnlyDictionary<string, Child> Children, StaffDirectory Staff, bool NamesShown);

    /// <summary>Works the report out from the records as of the message's date (the same rules as the sweep that sent it).</summary>
    public async Task<IhaReportData> IhaReportDataAsync(IhaReportMessage message, AlertPolicy policy, WorkingCalendar calendar, CancellationToken cancellationToken)
    {
        var asOf = LocalDatePattern.Iso.Parse(message.AsOf).GetValueOrThrow();
        var children = new List<ChildRecords>();
        await foreach (var child in caseload.ReadChildrenAsync(message.Council, cancellationToken))
        {
            children.Add(child);
        }

        var staff = new StaffDirectory(await caseload.ReadStaffAsync(message.Council, cancellationToken));
        var report = new IhaRequestReport(policy, calendar);
        var mine = IhaRequestReport.For(new IhaReportReader(message.Recipient.StaffId, message.TeamOf, message.Audience), children, staff);
        return new IhaReportData(report.Rows(mine, asOf), report.Trend(mine, asOf), children.ToDictionary(c => c.Child.ChildId, c => c.Child, StringComparer.Ordinal), staff,
            settings.FullNamesFor.Contains(message.Audience));
    }

    /// <summary>The weekly IHA request report's email: counts with the four weeks before, then every child, not yet requested first.</summary>
    public static Dictionary<string, object?> IhaReport(IhaReportMessage message, IhaReportData data, string recipientName)
    {
        var now = data.Trend[^1];
        var asOf = LocalDatePattern.Iso.Parse(message.AsOf).GetValueOrThrow();
        return new()
        {
            ["recipient_name"] = recipientName,
            ["date"] = Date(message.AsOf),
            ["scope"] = message.TeamOf is null ? "every child in care" : "your team's children",
            ["summary"] = $"{Count(now.InWindow, "child is", "children are")} inside the initial health assessment window: {now.NotYetRequested} not yet requested, {now.RequestedLate} requested late, {now.RequestedOnTime} requested on time.",
            ["trend"] = data.Trend.Select(c => Row(("date", PeopleDate.Format(c.AsOf)), ("in_window", c.InWindow), ("on_time", c.RequestedOnTime), ("late", c.RequestedLate), ("not_yet", c.NotYetRequested))).ToList(),
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
                    ("entered_care", PeopleDate.Format(r.EnteredCare)),
                    ("worker", data.Staff.Find(r.SocialWorkerId)?.Name ?? NoWorker),
                    ("requested", r.RequestedOn is { } on ? $"Yes, {PeopleDate.Format(on)}{(r.State == RequestState.RequestedLate ? " (late)" : "")}" : "Not yet"),
                    ("request_deadline", r.RequestedOn is null ? WorkingDaysWords(r.WorkingDaysToRequestDeadline, r.RequestDeadline < asOf, "left to request", "past the request deadline") : ""),
                    ("iha_deadline", $"{PeopleDate.Format(r.IhaDeadline)}: {WorkingDaysWords(r.WorkingDaysToIhaDeadline, r.IhaDeadline < asOf, "left", "overdue")}"),
                    ("legal_status", LegalStatusWords(r.LegalStatus)),
                    ("consent", ConsentStatusWords(r.ConsentStatus)),
                    ("uasc", r.Uasc ? "Yes" : "No"),
                    ("marks", marks),
                    ("not_requested", r.RequestedOn is null));
            }).ToList(),
            ["attachment"] = IhaReportListName(message),
            ["names_shown"] = data.NamesShown,
        };
    }

    /// <summary>
    /// "3 working days left", "2 working days overdue"; a deadline that passed at the weekend (no working day since)
    /// is "past", never "0 working days left".
    /// </summary>
    public static string WorkingDaysWords(int n, bool passed, string left, string past) =>
        passed && n == 0 ? $"past ({past}, at the weekend or a bank holiday)"
        : n >= 0 ? $"{Count(n, "working day", "working days")} {left}"
        : $"{Count(-n, "working day", "working days")} {past}";

    /// <summary>The report as a spreadsheet: case references only (no names), for the council's own tracking.</summary>
    public static TableAttachment IhaReportList(IhaReportMessage message, IhaReportData data) => IhaReportTable(IhaReportListName(message), data.Rows, data.Staff);

    /// <summary>The report's rows as a spreadsheet (the email's attachment, and `report iha --csv`).</summary>
    public static TableAttachment IhaReportTable(string fileName, IEnumerable<IhaReportRow> rows, StaffDirectory staff) => new(fileName,
        ["case_reference", "entered_care", "social_worker", "requested_on", "request_deadline", "iha_deadline", "working_days_to_iha_deadline", "legal_status", "consent_status", "uasc", "consent_needed_from_parents"],
        [.. rows.Select(r => new[]
        {
            r.ChildId, LocalDatePattern.Iso.Format(r.EnteredCare), staff.Find(r.SocialWorkerId)?.Name ?? "", r.RequestedOn is { } on ? LocalDatePattern.Iso.Format(on) : "",
            LocalDatePattern.Iso.Format(r.RequestDeadline), LocalDatePattern.Iso.Format(r.IhaDeadline), r.WorkingDaysToIhaDeadline.ToString(System.Globalization.CultureInfo.InvariantCulture),
            r.LegalStatus?.ToString() ?? "", r.ConsentStatus?.ToString() ?? "", r.Uasc ? "yes" : "no", r.ConsentNeededFromParents ? "yes" : "no",
        })]);

    private static string IhaReportListName(IhaReportMessage message) => $"cpalerts-iha-requests-{message.Council}-{message.AsOf}.csv";

    private static string ConsentWords(ConsentStatus? status, HealthReferral referral) => status switch
    {
        ConsentStatus.Given => "Given" + (referral.ConsentGivenBy is { } by ? $" by {by}" : "") + (referral.ConsentDate is { } on ? $" on {PeopleDate.Format(on)}" : ""),
        ConsentStatus.Pending => "Awaited",
        ConsentStatus.Refused => "Refused",
        _ => NotRecorded,
    };

    /// <summary>What the health team does about consent, in words: book; or hold a date and ask; or agree the next step.</summary>
    private static string ConsentGuidance(Child? child, string worker) => (child?.ConsentStatus, child?.LegalStatus) switch
    {
        (ConsentStatus.Given, _) => "Consent is recorded: please book the assessment.",
        (ConsentStatus.Pending, LegalStatus.S20) =>
            $"Consent is awaited. Under section 20 the council does not hold parental responsibility, so consent comes from a parent (or from the child, if old enough to decide). Please hold an appointment before the due date and ask {worker} when consent will be given.",
        (ConsentStatus.Pending, _) => $"Consent is awaited. Please hold an appointment before the due date and ask {worker} when consent will be given.",
        (ConsentStatus.Refused, _) =>
            $"Consent has been refused. Please do not examine the child without consent; agree the next step with {worker} (for example, who else can consent, or a health review in another form), and record the refusal so the missed timescale has its reason.",
        _ => $"Consent is not recorded. Please confirm it with {worker} before the appointment.",
    };

    public static Dictionary<string, object?> Scorecard(ScorecardReport report, string recipientName) => new()
    {
        ["recipient_name"] = recipientName,
        ["council"] = report.Council,
        ["period"] = report.Overall.Period.Label,
        ["previous_period"] = report.Previous.Period.Label,
        ["period_end"] = PeopleDate.Format(report.Overall.Period.End),
        ["target"] = report.Policy.Target.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture),
        ["measures"] = report.Overall.Measures.Select(m => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["title"] = m.Title,
            ["figure"] = report.Policy.FigureText(m),
            ["of"] = report.Policy.OfText(m),
            ["status"] = Domain.Scorecards.ScorecardPolicy.Words(report.Policy.StatusOf(m)),
            ["previous"] = report.Policy.FigureText(report.Previous[m.Id]),
            ["change"] = report.Policy.ChangeText(m, report.Previous[m.Id]),
            // Too few children: no breakdown either (it could identify a child).
            ["late_reasons"] = report.Policy.IsTooSmall(m) ? null : m.LateReasonsText,
        }).ToList(),
    };

    /// <summary>An undeliverable notice: what could not be delivered to whom, why, and its items by case reference.</summary>
    public static Dictionary<string, object?> Undeliverable(EmailKind kind, string messageId, string recipientName, string intended, string? address, string reason, string why,
        IReadOnlyList<MissedItem> items) => new()
    {
        ["recipient_name"] = recipientName,
        ["kind"] = kind.Words(),
        ["a_kind"] = $"{("aeiou".Contains(kind.Words()[0], StringComparison.Ordinal) ? "an" : "a")} {kind.Words()}",
        ["address"] = address,
        ["message_id"] = messageId,
        ["intended"] = intended,
        ["reason"] = reason,
        ["why"] = why,
        ["items"] = items.Select(i => Row(("reference", i.ChildReference), ("what", i.What), ("when", i.When))).ToList(),
        ["count"] = Count(items.Count, "item", "items"),
    };

    private Dictionary<string, object?> ChildFacts(string childId, Child? child, Audience audience) => new()
    {
        ["reference"] = childId,
        ["initials"] = child?.Initials ?? "?. ?.",
        ["name"] = settings.FullNamesFor.Contains(audience) && child is not null ? child.FullName : null,
        ["link"] = settings.CaseLink(childId, audience),
    };

    private static Dictionary<string, object?> Item(AlertItem item, LocalDate? today) => new()
    {
        ["rule"] = item.Rule.Title(),
        ["subject"] = item.SubjectId == item.ChildId ? "" : $"episode {item.SubjectId}",
        ["due"] = item.DueAt is { } at ? DueAt(at) : Date(item.DueDate),
        ["level"] = (int)item.Level,
        ["level_words"] = RuleGuidance.LevelWords(item.Level),
        ["lateness"] = Lateness(item, today),
        ["what_to_do"] = RuleGuidance.WhatToDo(item.Rule, item.Audience),
    };

    /// <summary>"due in 3 days", "due tomorrow", "1 day overdue": how late, in words.</summary>
    private static string Lateness(AlertItem item, LocalDate? today) =>
        Lateness(item.Level, item.DaysOverdue, LocalDatePattern.Iso.Parse(item.DueDate) is { Success: true } due ? due.Value : null, today);

    /// <summary>"due in 3 days", "due tomorrow", "1 day overdue": how late, in words (emails and the team view).</summary>
    public static string Lateness(EscalationLevel level, int daysOverdue, LocalDate? dueDate, LocalDate? today)
    {
        if (level != EscalationLevel.DueSoon)
        {
            return daysOverdue == 0 ? "overdue (less than a day)" : $"{Count(daysOverdue, "day", "days")} overdue";
        }

        var days = today is { } d && dueDate is { } due ? Period.DaysBetween(d, due) : (int?)null;
        return days switch
        {
            null or < 0 => "due soon",
            0 => "due today",
            1 => "due tomorrow",
            _ => $"due in {days} days",
        };
    }

    /// <summary>"3 overdue", "2 due soon" or "3 overdue, 2 due soon": a zero is not news.</summary>
    private static string OverdueAndDueSoon(int overdue, int dueSoon) => (overdue, dueSoon) switch
    {
        (_, 0) => $"{overdue} overdue",
        (0, _) => $"{dueSoon} due soon",
        _ => $"{overdue} overdue, {dueSoon} due soon",
    };

    /// <summary>Which timescales an email is about, most urgent first as its items are: "Initial health assessment, Dental check".</summary>
    private static string Timescales(IEnumerable<AlertItem> items) => string.Join(", ", items.Select(i => i.Rule).Distinct().Select(r => r.Title()));

    /// <summary>"1 item", "3 items".</summary>
    public static string Count(int n, string one, string many) => n == 1 ? $"1 {one}" : $"{n} {many}";

    private static LocalDate? Day(string iso) => LocalDatePattern.Iso.Parse(iso) is { Success: true } d ? d.Value : null;

    /// <summary>For an item told instead of someone else, or more widely than usual, why; empty otherwise (the reason is given once).</summary>
    private static string StandingIn(AlertItem item) => item.StandingInFor switch
    {
        // Told as the audience itself, but more widely than usual (every IRO when none is allocated).
        { } wider when wider.Audience == item.Audience => $"You are told as {RuleGuidance.AudienceWords(item.Audience)}: {wider.Reason}.",
        { } instead => $"You are told instead of the {RuleGuidance.AudienceWords(instead.Audience)} ({instead.Reason}).",
        _ => "",
    };

    private static string Date(string iso) => LocalDatePattern.Iso.Parse(iso) is { Success: true } d ? PeopleDate.Format(d.Value) : iso;

    private static string DueAt(string iso) => InstantPattern.ExtendedIso.Parse(iso) is { Success: true } i ? DueAt(i.Value) : iso;

    /// <summary>An exact deadline (return home interviews) in London time, in people's words: "Tue 24 Nov 2026 14:30".</summary>
    public static string DueAt(Instant at) => PeopleDateTime.Format(Domain.Calendar.LondonTime.LocalDateTimeOf(at));

    private static readonly LocalDateTimePattern PeopleDateTime = LocalDateTimePattern.CreateWithInvariantCulture("ddd d MMM uuuu HH:mm");
}
