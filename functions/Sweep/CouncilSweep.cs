using CpAlerts.Domain.Calendar;
using CpAlerts.Domain.Escalation;
using CpAlerts.Domain.Notifications;
using CpAlerts.Domain.Recipients;
using CpAlerts.Domain.Records;
using CpAlerts.Domain.Rules;
using CpAlerts.Functions.Messages;
using CpAlerts.Functions.Configuration;
using CpAlerts.Functions.Ports;
using NodaTime;
using NodaTime.Text;

namespace CpAlerts.Functions.Sweep;

/// <summary>
/// Evaluates one council and decides what to send. The daily sweep claims each finding's newly reached
/// levels in the finding-state store (conditional writes, so racing sweeps send each once) and produces one
/// escalation message per recipient plus IHA request notices; the weekly digest needs no state.
/// </summary>
public sealed class CouncilSweep(ICaseloadReader caseload, IFindingStateStore states, SweepSettings settings)
{
    private const string NoticePrefix = "IHA_NOTICE|";

    private readonly NotificationPolicy _policy = new(settings.Policy, settings.Calendar);

    public async Task<DailySweepResult> RunDailyAsync(string council, Instant asOf, string sweepId, CancellationToken cancellationToken = default)
    {
        var context = new EvaluationContext(asOf, settings.Calendar, settings.Policy);
        var routing = await RoutingAsync(council, cancellationToken);
        var period = LocalDatePattern.Iso.Format(context.AsOfDate);
        var escalations = new List<Notice>();
        var ihaRequests = new List<IhaRequestMessage>();
        int open = 0, closed = 0;

        // One partition at a time, so only that partition's finding state is held.
        foreach (var partition in CouncilPartition.AllOf(council))
        {
            var outcome = await SweepPartitionAsync(partition, context, routing, sweepId, escalations, ihaRequests, cancellationToken);
            open += outcome.Open;
            closed += outcome.Closed;
        }

        var messages = NotificationPolicy.ByRecipient(escalations)
            .Select(r =>
            {
                var recipient = Recipient(r.StaffId);
                var items = r.Notices.Select(Item).ToList();
                var id = MessageSchema.IdFor([council, "escalation", recipient.Key, period, .. items.Select(i => $"{i.FindingKey}@{i.Level}/{i.Audience}")]);
                return new EscalationMessage(MessageSchema.Version, id, council, period, recipient, items);
            })
            .OrderBy(m => m.Recipient.Key, StringComparer.Ordinal)
            .ToList();
        return new DailySweepResult(messages, ihaRequests, open, closed);
    }

    /// <summary>
    /// Evaluates one partition's children, claims what is new, adds what to send to the lists given, and
    /// closes the partition's findings that are no longer breached. Returns the open and closed counts.
    /// </summary>
    private async Task<(int Open, int Closed)> SweepPartitionAsync(CouncilPartition partition, EvaluationContext context, RecipientRouting routing, string sweepId,
        List<Notice> escalations, List<IhaRequestMessage> ihaRequests, CancellationToken cancellationToken)
    {
        var council = partition.Council;
        var asOf = context.AsOf;
        var known = await states.ReadPartitionAsync(partition, cancellationToken);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var child in caseload.ReadChildrenAsync(partition, cancellationToken))
        {
            foreach (var finding in RulesEngine.Standard.Evaluate(child, context))
            {
                seen.Add(finding.Key);
                var levels = await ClaimAsync(council, finding.Key, child.Child.ChildId, finding.Level, known, sweepId, asOf, cancellationToken);
                escalations.AddRange(_policy.Escalations(child, finding, levels, routing));
            }

            if (_policy.IhaRequestDue(child, context) is { } ihaDue)
            {
                var entered = LocalDatePattern.Iso.Format(child.Child.EnteredCare);
                var key = $"{NoticePrefix}{child.Child.ChildId}|{entered}";
                seen.Add(key);
                if ((await ClaimAsync(council, key, child.Child.ChildId, EscalationLevel.DueSoon, known, sweepId, asOf, cancellationToken)).Count > 0)
                {
                    foreach (var recipient in NotificationPolicy.IhaRequestAddressees(child, routing).Select(a => Recipient(a.StaffId)))
                    {
                        ihaRequests.Add(new IhaRequestMessage(MessageSchema.Version, MessageSchema.IdFor(council, "iha", child.Child.ChildId, entered, recipient.Key),
                            council, child.Child.ChildId, entered, LocalDatePattern.Iso.Format(ihaDue), recipient));
                    }
                }
            }
        }

        return (seen.Count, await CloseResolvedAsync(known.Values, seen, asOf, cancellationToken));
    }

    /// <summary>The weekly digest: every finding for each social worker's children, one message per worker with any.</summary>
    public async Task<IReadOnlyList<DigestMessage>> RunDigestAsync(string council, Instant asOf, CancellationToken cancellationToken = default)
    {
        var context = new EvaluationContext(asOf, settings.Calendar, settings.Policy);
        var routing = await RoutingAsync(council, cancellationToken);
        var weekOf = LocalDatePattern.Iso.Format(context.AsOfDate.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday)));
        var notices = new List<Notice>();
        await foreach (var child in caseload.ReadChildrenAsync(council, cancellationToken))
        {
            notices.AddRange(NotificationPolicy.DigestNotices(child, RulesEngine.Standard.Evaluate(child, context).ToList(), routing));
        }

        return [.. NotificationPolicy.ByRecipient(notices)
            .Select(r => (Recipient: Recipient(r.StaffId), r.Notices))
            .OrderBy(r => r.Recipient.Key, StringComparer.Ordinal)
            .Select(r => new DigestMessage(MessageSchema.Version, MessageSchema.IdFor(council, "digest", r.Recipient.Key, weekOf), council, weekOf, r.Recipient,
                [.. r.Notices.Select(Item)]))];
    }

    /// <summary>
    /// Claims the levels of a finding not yet claimed, returning the levels to send (empty: nothing).
    /// <paramref name="sweepId"/> names the sweep message (council, kind, as-of), so a redelivery of the
    /// same message re-sends what it claimed: Service Bus redelivers the identical body when the host
    /// could not send the first run's outputs, and the repeated message ids let delivery drop true repeats.
    /// A claim made today by another sweep longer ago than the lease is taken over and sent again, because
    /// that sweep's message may have been dead-lettered before its outputs left. A claim by a newer sweep
    /// (a later as-of) is never touched by an older one.
    /// </summary>
    private async Task<IReadOnlyList<EscalationLevel>> ClaimAsync(string council, string key, string childId, EscalationLevel level, Dictionary<string, FindingState> known, string sweepId, Instant asOf, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var state = known.GetValueOrDefault(key) ?? FindingState.New(council, key, childId);
            if (state.ClaimedAt is { } claimedAt && claimedAt > asOf)
            {
                return []; // a later sweep has already decided this finding
            }

            if (!state.Open)
            {
                // Satisfied earlier and now breached again: a new finding.
                state = FindingState.New(council, key, childId) with { Version = state.Version };
            }

            if (state.ClaimedLevel is { } mine && level <= mine && state.ClaimedBy == sweepId)
            {
                return FindingState.LevelsBetween(state.ClaimedFrom, mine); // this sweep again: the same outputs
            }

            EscalationLevel? from;
            if (state.ClaimedLevel is not { } claimedLevel || level > claimedLevel)
            {
                from = state.ClaimedLevel;
            }
            else if (level == claimedLevel && state.ClaimedAt is { } at
                     && LondonTime.DateOf(at) == LondonTime.DateOf(asOf) && asOf - at >= settings.ClaimLease)
            {
                from = state.ClaimedFrom;
            }
            else
            {
                return [];
            }

            var claimed = state with { ClaimedLevel = level, ClaimedFrom = from, ClaimedBy = sweepId, ClaimedAt = asOf, Open = true };
            if (await states.TryWriteAsync(claimed, cancellationToken) is { } written)
            {
                known[key] = written;
                return FindingState.LevelsBetween(from, level);
            }

            // Another sweep changed it since we read it: read again and decide on what it did.
            if (await states.ReadAsync(council, childId, key, cancellationToken) is { } fresh)
            {
                known[key] = fresh;
            }
        }

        return [];
    }

    private async Task<int> CloseResolvedAsync(IEnumerable<FindingState> known, HashSet<string> seen, Instant asOf, CancellationToken cancellationToken)
    {
        var closed = 0;
        // A finding claimed by a later sweep is not this sweep's to close: an older as-of cannot know it is resolved.
        foreach (var state in known.Where(s => s.Open && !seen.Contains(s.Key) && !s.Key.StartsWith(NoticePrefix, StringComparison.Ordinal) && !(s.ClaimedAt > asOf)))
        {
            // A conflict means another sweep is handling it; it will close it if still resolved.
            closed += await states.TryWriteAsync(state with { Open = false }, cancellationToken) is null ? 0 : 1;
        }

        return closed;
    }

    private async Task<RecipientRouting> RoutingAsync(string council, CancellationToken cancellationToken) =>
        new(new StaffDirectory(await caseload.ReadStaffAsync(council, cancellationToken)), settings.FallbackMailbox);

    private static MessageRecipient Recipient(string? staffId) => staffId is null ? MessageRecipient.FallbackMailbox : MessageRecipient.Staff(staffId);

    private static AlertItem Item(Notice notice) => Item(notice.Finding, notice.Addressee);

    private static AlertItem Item(Finding f, Addressee a) => new(
        f.Key, f.Rule, f.ChildId, f.SubjectId, LocalDatePattern.Iso.Format(f.DueDate),
        f.DueAt is { } at ? InstantPattern.ExtendedIso.Format(at) : null, f.DaysOverdue, f.Level,
        a.Audience, a.StandingInFor is { } u ? new StandIn(u.Audience, u.Reason) : null);
}

public sealed record DailySweepResult(IReadOnlyList<EscalationMessage> Escalations, IReadOnlyList<IhaRequestMessage> IhaRequests, int OpenFindings, int Closed);
