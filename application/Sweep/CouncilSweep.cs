using CpAlerts.Application.Configuration;
using CpAlerts.Application.Messages;
using CpAlerts.Application.Ports;
using CpAlerts.Domain.Acknowledgements;
using CpAlerts.Domain.Calendar;
using CpAlerts.Domain.Escalation;
using CpAlerts.Domain.Notifications;
using CpAlerts.Domain.Recipients;
using CpAlerts.Domain.Records;
using CpAlerts.Domain.Reports;
using CpAlerts.Domain.Rules;
using NodaTime;
using NodaTime.Text;

namespace CpAlerts.Application.Sweep;

/// <summary>
/// Evaluates one council and decides what to send. The daily sweep claims each finding's newly reached
/// levels in the finding-state store (conditional writes, so racing sweeps send each once) and produces one
/// escalation message per recipient plus IHA request notices; the weekly digest needs no state.
/// </summary>
/// <remarks><paramref name="acknowledgements"/>: who has said what is in hand (default: nobody, as before the team view).</remarks>
/// <remarks><paramref name="handovers"/>: which sweeps handed their messages over (default: all, so no claim is ever an orphan).</remarks>
/// <remarks><paramref name="openItems"/>: where the team view's open items are kept (default: nowhere, as before the team view).</remarks>
public sealed class CouncilSweep(ICaseloadReader caseload, IFindingStateStore states, SweepSettings settings, IAcknowledgementStore? acknowledgements = null,
    ISweepHandovers? handovers = null, IOpenItems? openItems = null)
{
    private readonly NotificationPolicy _policy = new(settings.Policy, settings.Calendar);

    public async Task<DailySweepResult> RunDailyAsync(string council, Instant asOf, string sweepId, CancellationToken cancellationToken = default)
    {
        var context = new EvaluationContext(asOf, settings.Calendar, settings.Policy);
        var firstSweep = await IsBaselineAsync(council, asOf, sweepId, cancellationToken);
        var routing = await RoutingAsync(council, cancellationToken);
        var inHand = await InHandAsync(council, cancellationToken);
        var period = LocalDatePattern.Iso.Format(context.AsOfDate);
        var escalations = new List<Notice>();
        var sameDay = new List<Notice>();
        var ihaRequests = new List<IhaRequestMessage>();
        int open = 0, closed = 0, held = 0;
        var findings = new Dictionary<(RuleId, EscalationLevel), int>();
        var listed = new List<OpenItem>();

        // One partition at a time, so only that partition's finding state is held.
        foreach (var partition in CouncilPartition.AllOf(council))
        {
            var swept = await SweepPartitionAsync(partition, context, routing, inHand, sweepId, firstSweep, cancellationToken);
            listed.AddRange(swept.Listed);
            escalations.AddRange(swept.Escalations);
            sameDay.AddRange(swept.SameDay);
            ihaRequests.AddRange(swept.IhaRequests);
            open += swept.Open;
            closed += swept.Closed;
            held += swept.Held;
            foreach (var (key, count) in swept.Findings)
            {
                findings[key] = findings.GetValueOrDefault(key) + count;
            }
        }

        // One message per recipient, or several parts when the list is longer than a message may be (MessageParts);
        // each id is made from its own items, so the same list gives the same ids on a re-run.
        IReadOnlyList<EscalationMessage> Messages(RecipientNotices r, AlertPurpose purpose)
        {
            var recipient = r.HealthTeamIcb is { } icb ? MessageRecipient.HealthTeam(icb) : Recipient(r.StaffId);
            var items = r.Notices.Select(n => Item(n, inHand)).ToList();
            var kind = (purpose switch { AlertPurpose.SameDay => EmailKind.SameDay, AlertPurpose.Baseline => EmailKind.Baseline, _ => EmailKind.Escalation }).IdName();
            return MessageParts.Split(items, settings.Messages.BudgetBytes, (some, part) => new EscalationMessage(MessageSchema.Version,
                MessageSchema.IdFor([council, kind, recipient.Key, period, .. some.Select(i => $"{i.FindingKey}@{i.Level}/{i.Audience}")]), council, context.AsOfDate, recipient, some)
            {
                Purpose = purpose,
                Part = part,
            });
        }

        // The first sweep tells each manager and specialist everything existing in one summary, not an email per breach.
        var messages = NotificationPolicy.ByRecipient(escalations, _policy.Urgency).SelectMany(r => Messages(r, firstSweep ? AlertPurpose.Baseline : AlertPurpose.Escalation))
            .Concat(NotificationPolicy.ByRecipient(sameDay, _policy.Urgency).SelectMany(r => Messages(r, AlertPurpose.SameDay)))
            .OrderBy(m => m.Recipient.Key, StringComparer.Ordinal).ThenBy(m => m.Purpose).ThenBy(m => m.Part?.Number ?? 0)
            .ToList();
        await ListOpenItemsAsync(council, asOf, listed, inHand, routing.Staff, cancellationToken);
        return new DailySweepResult(messages, ihaRequests, open, closed) { Held = held, FindingsByRuleAndLevel = findings };
    }

    /// <summary>
    /// Writes the team view's open items: every finding of this sweep, so the page lists what today's emails were made
    /// from. Someone may say an item is in hand while the sweep runs; the acknowledgements are read again afterwards and
    /// any that changed are set on their items, so the sweep never leaves a newer "in hand" unshown.
    /// </summary>
    private async Task ListOpenItemsAsync(string council, Instant asOf, List<OpenItem> listed, IReadOnlyDictionary<string, Acknowledgement> inHand, StaffDirectory staff,
        CancellationToken cancellationToken)
    {
        if (openItems is null)
        {
            return;
        }

        OpenItem WithInHand(OpenItem item, Acknowledgement? a) => item with { InHand = a, InHandBy = a is null ? null : staff.Find(a.ByStaffId)?.Name ?? a.ByStaffId };
        await openItems.ReplaceAsync(council, asOf, [.. listed.Select(i => WithInHand(i, inHand.GetValueOrDefault(i.Finding.Key)))], cancellationToken);
        var now = await InHandAsync(council, cancellationToken);
        foreach (var item in listed)
        {
            var before = inHand.GetValueOrDefault(item.Finding.Key);
            var after = now.GetValueOrDefault(item.Finding.Key);
            if (before != after)
            {
                var changed = WithInHand(item, after);
                await openItems.SetInHandAsync(council, item.SocialWorkerId, item.Finding.Key, changed.InHand, changed.InHandBy, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Whether this is the council's first sweep (its go-live baseline): decided once, by a conditional insert of a
    /// marker row, and by London day — a redelivery, or a re-run later that day, gives the same answer and the same
    /// message ids. A council that already has finding state (it went live before the marker existed) is not new:
    /// its marker is written as "existing" and it is never baselined.
    /// </summary>
    private async Task<bool> IsBaselineAsync(string council, Instant asOf, string sweepId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await states.ReadAsync(council, BaselineChildId, BaselineKey, cancellationToken) is { } marker)
            {
                return marker.ClaimedBy != ExistingCouncil && marker.ClaimedAt is { } at && LondonTime.DateOf(at) == LondonTime.DateOf(asOf);
            }

            var existing = await states.AnyAsync(council, cancellationToken);
            var claimed = FindingState.New(council, BaselineKey, BaselineChildId) with { ClaimedBy = existing ? ExistingCouncil : sweepId, ClaimedAt = asOf, Open = false };
            if (await states.TryWriteAsync(claimed, cancellationToken) is not null)
            {
                return !existing;
            }

            // Another sweep wrote the marker first: read it and decide as it did.
        }

        return false;
    }

    private const string ExistingCouncil = "existing council";

    /// <summary>The finding-state row that records which sweep was the council's first (closed, so never swept or closed itself).</summary>
    public const string BaselineKey = "COUNCIL_BASELINE", BaselineChildId = "";

    /// <summary>
    /// Evaluates one partition's children, claims what is new, and closes the partition's findings that are no
    /// longer breached: what to send, and the open and closed counts.
    /// </summary>
    private async Task<PartitionSweep> SweepPartitionAsync(CouncilPartition partition, EvaluationContext context, RecipientRouting routing,
        IReadOnlyDictionary<string, Acknowledgement> inHand, string sweepId, bool firstSweep, CancellationToken cancellationToken)
    {
        var council = partition.Council;
        var claims = new FindingClaims(states, await states.ReadPartitionAsync(partition, cancellationToken), council, sweepId, context.AsOf,
            handovers, settings.Messages.RedriveGrace);
        var escalations = new List<Notice>();
        var sameDay = new List<Notice>();
        var ihaRequests = new List<IhaRequestMessage>();
        var held = 0;
        var findings = new Dictionary<(RuleId, EscalationLevel), int>();
        var listed = new List<OpenItem>();
        await foreach (var child in caseload.ReadChildrenAsync(partition, cancellationToken))
        {
            foreach (var finding in RulesEngine.Standard.Evaluate(child, context))
            {
                findings[(finding.Rule, finding.Level)] = findings.GetValueOrDefault((finding.Rule, finding.Level)) + 1;
                listed.Add(new OpenItem(finding, child.Child.SocialWorkerId, child.Child.FirstName, child.Child.LastName));
                // Someone said it is in hand: the levels above theirs stay unclaimed until the date passes.
                if (!firstSweep && NotificationPolicy.Holds(finding, inHand.GetValueOrDefault(finding.Key), context.AsOfDate))
                {
                    claims.KeepOpen(finding.Key);
                    held++;
                    continue;
                }

                // The baseline claims everything whatever the day, or the next working day would escalate it item by item.
                if (!firstSweep && _policy.WaitsForWorkingDay(finding.Rule, context.AsOfDate))
                {
                    claims.KeepOpen(finding.Key); // unclaimed: the next working day's sweep tells whoever it reaches then
                    continue;
                }

                var levels = await claims.ClaimAsync(finding.Key, child.Child.ChildId, finding.Level, cancellationToken);
                escalations.AddRange(_policy.Escalations(child, finding, levels, routing));
                sameDay.AddRange(_policy.SameDayAlerts(child, finding, levels, routing, firstSweep));
            }

            if (_policy.IhaRequestDue(child, context) is { } ihaDue)
            {
                var entered = LocalDatePattern.Iso.Format(child.Child.EnteredCare);
                if ((await claims.ClaimAsync(FindingClaims.IhaNoticeKey(child.Child.ChildId, entered), child.Child.ChildId, EscalationLevel.DueSoon, cancellationToken)).Count > 0)
                {
                    ihaRequests.AddRange(NotificationPolicy.IhaRequestAddressees(child, routing).Select(a => a.HealthTeamIcb is { } icb ? MessageRecipient.HealthTeam(icb) : Recipient(a.StaffId)).Select(recipient =>
                        new IhaRequestMessage(MessageSchema.Version, MessageSchema.IdFor(council, EmailKind.IhaRequest.IdName(), child.Child.ChildId, entered, recipient.Key),
                            council, child.Child.ChildId, child.Child.EnteredCare, ihaDue, recipient)
                        {
                            RequestedOn = child.IhaRequestedOn(context.AsOfDate),
                            // A child recorded late, or a request sent late: the health team must book at once.
                            Urgent = _policy.IhaRequestIsUrgent(context.AsOfDate, ihaDue),
                        }));
                }
            }
        }

        return new PartitionSweep(escalations, sameDay, ihaRequests, claims.Seen, await claims.CloseResolvedAsync(cancellationToken), held, findings) { Listed = listed };
    }

    private sealed record PartitionSweep(IReadOnlyList<Notice> Escalations, IReadOnlyList<Notice> SameDay, IReadOnlyList<IhaRequestMessage> IhaRequests, int Open, int Closed, int Held,
        IReadOnlyDictionary<(RuleId, EscalationLevel), int> Findings)
    {
        /// <summary>Every finding of the partition, for the team view.</summary>
        public IReadOnlyList<OpenItem> Listed { get; init; } = [];
    }

    /// <summary>The weekly pass's emails: the digests and the IHA request reports, from one read of the council.</summary>
    public sealed record WeeklyMessages(IReadOnlyList<DigestMessage> Digests, IReadOnlyList<IhaReportMessage> Reports);

    /// <summary>
    /// The weekly pass: the council read once, for the digests (every finding for each social worker's children) and the
    /// IHA request reports (each report names the children it is about, so delivery reads only those).
    /// </summary>
    /// <remarks><paramref name="lastDigest"/>: when the previous digest ran, for the "new" mark (default a week before).</remarks>
    public async Task<WeeklyMessages> RunWeeklyAsync(string council, Instant asOf, Instant? lastDigest = null, CancellationToken cancellationToken = default)
    {
        var context = new EvaluationContext(asOf, settings.Calendar, settings.Policy);
        var routing = await RoutingAsync(council, cancellationToken);
        var inHand = await InHandAsync(council, cancellationToken);
        var monday = context.AsOfDate.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday));
        var weekOf = LocalDatePattern.Iso.Format(monday); // as message ids have always named the week
        var notices = new List<Notice>();
        var fresh = new HashSet<string>(StringComparer.Ordinal);
        var report = new IhaRequestReport(settings.Policy, settings.Calendar);
        var inWindow = new List<ChildRecords>();
        await foreach (var child in caseload.ReadChildrenAsync(council, cancellationToken))
        {
            var findings = RulesEngine.Standard.Evaluate(child, context).ToList();
            notices.AddRange(NotificationPolicy.DigestNotices(child, findings, routing));
            fresh.UnionWith(_policy.NewSinceLastWeek(child, findings, context, lastDigest));
            // In the report this week or in its history (the four weeks before): the children a report is about.
            if (settings.IhaWeeklyReport && Enumerable.Range(0, IhaRequestReport.HistoryWeeks + 1).Any(w => report.Row(child, context.AsOfDate.PlusWeeks(-w)) is not null))
            {
                inWindow.Add(child);
            }
        }

        var recordsAsAt = await caseload.ReadLastImportAsync(council, cancellationToken);
        IReadOnlyList<DigestMessage> digests = [.. NotificationPolicy.ByRecipient(notices, _policy.Urgency)
            .Select(r => (Recipient: Recipient(r.StaffId), r.Notices))
            .OrderBy(r => r.Recipient.Key, StringComparer.Ordinal)
            .SelectMany(r => MessageParts.Split(
                [.. NotificationPolicy.ThisWeekFirst(r.Notices, context.AsOfDate, _policy.Urgency).Select(n => Item(n, inHand) with { New = fresh.Contains(n.Finding.Key) })],
                settings.Messages.BudgetBytes,
                (some, part) => new DigestMessage(MessageSchema.Version,
                    // A part is named by its items, as escalations are: if a re-run splits differently, items may come twice, never be dropped.
                    part is null ? MessageSchema.IdFor(council, EmailKind.Digest.IdName(), r.Recipient.Key, weekOf) : MessageSchema.IdFor([council, EmailKind.Digest.IdName(), r.Recipient.Key, weekOf, .. some.Select(i => i.FindingKey)]),
                    council, monday, r.Recipient, some)
                {
                    AsOf = context.AsOfDate,
                    RecordsAsAt = recordsAsAt,
                    Part = part,
                }))];
        return new WeeklyMessages(digests, IhaReports(council, context.AsOfDate, report, inWindow, routing));
    }

    /// <summary>The weekly digests alone (<see cref="RunWeeklyAsync"/>).</summary>
    public async Task<IReadOnlyList<DigestMessage>> RunDigestAsync(string council, Instant asOf, Instant? lastDigest = null, CancellationToken cancellationToken = default) =>
        (await RunWeeklyAsync(council, asOf, lastDigest, cancellationToken)).Digests;

    /// <summary>
    /// The weekly IHA request report: one message per reader (each team manager with children in the window, the
    /// health team and heads of service), none when nobody is in the window or the council has turned it off. Each
    /// names the children in that reader's report or its history.
    /// </summary>
    private static IReadOnlyList<IhaReportMessage> IhaReports(string council, LocalDate today, IhaRequestReport report, IReadOnlyList<ChildRecords> inWindow, RecipientRouting routing)
    {
        var rows = report.Rows(inWindow, today);
        var asOfDate = LocalDatePattern.Iso.Format(today);
        return [.. IhaRequestReport.Readers(rows, routing).Select(r =>
        {
            var recipient = Recipient(r.StaffId);
            return new IhaReportMessage(MessageSchema.Version, MessageSchema.IdFor(council, EmailKind.IhaReport.IdName(), recipient.Key, r.TeamOf ?? "all", asOfDate), council, today, r.TeamOf, r.Audience, recipient)
            {
                ChildIds = [.. IhaRequestReport.For(r, inWindow, routing.Staff).Select(c => c.Child.ChildId)],
            };
        })];
    }

    private async Task<RecipientRouting> RoutingAsync(string council, CancellationToken cancellationToken) =>
        new(new StaffDirectory(await caseload.ReadStaffAsync(council, cancellationToken)), settings.FallbackMailbox, settings.HealthTeams.Addresses);

    private static MessageRecipient Recipient(string? staffId) => staffId is null ? MessageRecipient.FallbackMailbox : MessageRecipient.Staff(staffId);

    private async Task<IReadOnlyDictionary<string, Acknowledgement>> InHandAsync(string council, CancellationToken cancellationToken) =>
        acknowledgements is null ? new Dictionary<string, Acknowledgement>() : await acknowledgements.ReadCurrentAsync(council, cancellationToken);

    /// <summary>The item, with who said it is in hand until when (lapsed or not: the email says which).</summary>
    private static AlertItem Item(Notice notice, IReadOnlyDictionary<string, Acknowledgement> inHand) =>
        Item(notice.Finding, notice.Addressee) with
        {
            InHand = inHand.GetValueOrDefault(notice.Finding.Key) is { } a ? new InHandNote(a.Until, a.ByStaffId, a.Reason.Code()) : null,
        };

    private static AlertItem Item(Finding f, Addressee a) => new(
        f.Key, f.Rule, f.ChildId, f.SubjectId, f.DueDate, f.DueAt, f.DaysOverdue, f.Level,
        a.Audience, a.StandingInFor is { } u ? new StandIn(u.Audience, u.Reason) : null)
    {
        HoursOverdue = f.HoursOverdue,
    };
}

public sealed record DailySweepResult(IReadOnlyList<EscalationMessage> Escalations, IReadOnlyList<IhaRequestMessage> IhaRequests, int OpenFindings, int Closed)
{
    /// <summary>Findings whose escalation was held today because someone said they are in hand.</summary>
    public int Held { get; init; }

    /// <summary>Every finding the rules found today, by rule and level (for the operator's metrics).</summary>
    public IReadOnlyDictionary<(RuleId Rule, EscalationLevel Level), int> FindingsByRuleAndLevel { get; init; } = new Dictionary<(RuleId, EscalationLevel), int>();
}
