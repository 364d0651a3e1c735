using CpAlerts.Application.Configuration;
using CpAlerts.Application.Messages;
using CpAlerts.Application.Ports;
using CpAlerts.Application.Wording;
using CpAlerts.Domain.Escalation;
using CpAlerts.Domain.Recipients;
using CpAlerts.Domain.Records;
using CpAlerts.Domain.Rules;
using NodaTime;
using NodaTime.Text;

namespace CpAlerts.Application.Delivery;

/// <summary>
/// The values each template sees, built from a message and the records it points to: one file per kind of email
/// (Delivery/Emails/), and here what they share — each item's facts, read once, with "in hand" and the links. Only what
/// RULES.md allows: case reference, initials (names only where a council opted in for the audience),
/// the rule's name and dates. Values are plain text here; the HTML renderer encodes them all.
/// </summary>
public sealed partial class EmailContent(ICaseloadReader caseload, DeliverySettings settings)
{
    /// <summary>"part 2 of 3" for the subject, when the list was longer than one message may be (Messages/MessagePart.cs).</summary>
    private static string? PartWords(Messages.MessagePart? part) => part is null ? null : $"part {part.Number} of {part.Of}";

    /// <summary>Why there is more than one email, at the top of each part.</summary>
    private static string? PartNote(Messages.MessagePart? part) => part is null ? null
        : $"This list was too long for one email, so it comes in {part.Of} emails, each with different items, most urgent first. This is part {part.Number} of {part.Of}.";

    /// <summary>
    /// One item of a manager's email with its social worker's name, the team it belongs to ("North: Tess Manager", for a head
    /// of service, who reads by team and acts through its manager) and its template values.
    /// </summary>
    public sealed record ItemFacts(AlertItem Item, string Worker, IReadOnlyDictionary<string, object?> Model)
    {
        public string Team { get; init; } = NoTeam;
    }

    /// <summary>Each item with its child's, social worker's and team manager's records (each read once) and its template values.</summary>
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

            // A head of service acts through the team manager, so their items name the manager and group by team.
            StaffMember? manager = null;
            if (item.Audience == Audience.HeadOfService && worker?.ManagerId is { } managerId && !workers.TryGetValue(managerId, out manager))
            {
                workers[managerId] = manager = await caseload.ReadStaffMemberAsync(message.Council, managerId, cancellationToken);
            }

            var model = new Dictionary<string, object?>(ChildFacts(item.ChildId, child, item.Audience))
            {
                ["worker"] = worker?.Name ?? NoWorker,
                ["why"] = StandingIn(item),
            }.Concat(Item(item, message.Period)).ToDictionary();
            model["what_to_do"] = RuleGuidance.WhatToDo(item.Rule, item.Audience, worker?.Name, manager?.Name);
            await AddInHandAsync(model, message.Council, message.Recipient, item, message.Period, workers, cancellationToken);
            result.Add(new ItemFacts(item, worker?.Name ?? NoWorker, model)
            {
                Team = manager is null ? worker?.Team ?? NoTeam : $"{manager.Team ?? worker?.Team ?? "Team"}: {manager.Name}",
            });
        }

        return result;
    }

    /// <summary>The model keys for where replies go (RenderEmail): an address and the name shown with it.</summary>
    public const string ReplyToKey = "reply_to", ReplyToNameKey = "reply_to_name";

    private const string NoWorker = "No social worker allocated";

    private const string NoTeam = "No team recorded";

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
        if (item.InHand is not { } note)
        {
            return;
        }

        if (!staff.TryGetValue(note.ByStaffId, out var by))
        {
            staff[note.ByStaffId] = by = await caseload.ReadStaffMemberAsync(council, note.ByStaffId, cancellationToken);
        }

        var reason = Domain.Acknowledgements.AcknowledgementReasons.TryParse(note.Reason, out var r) ? Domain.Acknowledgements.AcknowledgementReasons.Words(r) : "reason not known";
        var lapsed = today is { } d && note.Until < d;
        model["in_hand_lapsed"] = lapsed;
        model["acknowledge_words"] = lapsed ? "Say this is in hand" : "Change or end \"in hand\"";
        model["in_hand"] = CaseWords.InHandWords(note.Until, by?.Name ?? "a colleague", reason, lapsed);
    }

    /// <summary>The items grouped by social worker, most items first, each group with its counts in words.</summary>
    private static List<IReadOnlyDictionary<string, object?>> ByWorker(IEnumerable<ItemFacts> items, Func<ItemFacts, string>? groupOf = null) =>
        [.. items.GroupBy(groupOf ?? (i => i.Worker)).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Row(("worker", g.Key), ("count", $"{CountWords.Count(g.Count(), "item", "items")} for {CountWords.Count(g.Select(i => i.Item.ChildId).Distinct().Count(), "child", "children")}"),
                ("items", g.Select(i => i.Model).ToList())))];

    /// <summary>Why the reader is told, once per audience (not on every row).</summary>
    private static List<string> Reasons(IEnumerable<AlertItem> items) =>
        [.. items.Where(i => i.StandingInFor is null).GroupBy(i => i.Audience).OrderBy(g => g.Key).Select(g => RuleGuidance.WhyTold(g.Key, g.Select(i => i.Level)))];

    private static Dictionary<string, object?> Row(params (string Key, object? Value)[] values) => values.ToDictionary(v => v.Key, v => v.Value);

    /// <summary>
    /// Whether an audience reads children's full names: as the council sets per role, and for the health team as on the IHA
    /// request (on by default), since they book assessments by name and NHS number (CpAlerts__Email__IhaRequestNames).
    /// </summary>
    private bool NamesShownFor(Audience audience) => settings.FullNamesFor.Contains(audience) || (audience == Audience.HealthTeam && settings.IhaRequestShowsName);

    private Dictionary<string, object?> ChildFacts(string childId, Child? child, Audience audience) => new()
    {
        ["reference"] = childId,
        ["initials"] = child?.Initials ?? "?. ?.",
        ["name"] = NamesShownFor(audience) && child is not null ? child.FullName : null,
        // The health team books with the NHS number; nobody else needs it.
        ["nhs_number"] = audience == Audience.HealthTeam && NamesShownFor(audience) ? child?.Referral.NhsNumber?.ToString() : null,
        ["link"] = settings.CaseLink(childId, audience),
    };

    private static Dictionary<string, object?> Item(AlertItem item, LocalDate? today) => new()
    {
        ["rule"] = item.Rule.Title(),
        ["subject"] = item.SubjectId == item.ChildId ? "" : $"missing episode {item.SubjectId}",
        ["due"] = item.DueAt is { } at ? PeopleDates.DueAt(at) : PeopleDates.Format(item.DueDate),
        ["level"] = (int)item.Level,
        ["level_words"] = RuleGuidance.LevelWords(item.Level),
        ["lateness"] = Lateness(item, today),
        ["what_to_do"] = RuleGuidance.WhatToDo(item.Rule, item.Audience),
    };

    /// <summary>"due in 3 days", "due tomorrow", "1 day overdue": how late, in words.</summary>
    private static string Lateness(AlertItem item, LocalDate? today) =>
        LatenessWords.Lateness(item.Level, item.DaysOverdue, item.DueDate, today, item.HoursOverdue);

    /// <summary>Which timescales an email is about, most urgent first as its items are: "Initial health assessment, Dental check".</summary>
    private static string Timescales(IEnumerable<AlertItem> items) => string.Join(", ", items.Select(i => i.Rule).Distinct().Select(r => r.Title()));

    /// <summary>For an item told instead of someone else, or more widely than usual, why; empty otherwise (the reason is given once).</summary>
    private static string StandingIn(AlertItem item) => item.StandingInFor switch
    {
        // Told as the audience itself, but more widely than usual (every IRO when none is allocated).
        { } wider when wider.Audience == item.Audience => $"You are told as {RuleGuidance.AudienceWords(item.Audience)}: {wider.Reason}.",
        { } instead => $"You are told instead of the {RuleGuidance.AudienceWords(instead.Audience)} ({instead.Reason}).",
        _ => "",
    };
}
