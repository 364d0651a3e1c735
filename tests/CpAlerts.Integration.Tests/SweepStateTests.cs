using System.Collections.Immutable;
using CpAlerts.Adapters.Storage;
using CpAlerts.Application.Configuration;
using CpAlerts.Application.Import;
using CpAlerts.Application.Messages;
using CpAlerts.Application.Ports;
using CpAlerts.Application.Sweep;
using CpAlerts.Domain.Records;
using CpAlerts.Domain.Rules;
using Moq;
using NodaTime;

namespace CpAlerts.Integration.Tests;

public class SweepStateTests
{
    private const string Fallback = "fallback@council.example";

    private static readonly StaffMember[] Staff =
    [
        new("SW1", "Worker", "sw1@council.example", StaffRole.SocialWorker, "TM1", "A"),
        new("TM1", "Manager", "tm1@council.example", StaffRole.TeamManager, "HOS1", "A"),
        new("HOS1", "Head", "hos@council.example", StaffRole.HeadOfService, null, null),
        new("HT1", "Health", "health@nhs.example", StaffRole.HealthTeam, null, null),
        new("DA1", "Dental", "dental@nhs.example", StaffRole.DentalAdviser, null, null),
    ];

    /// <summary>A working day before any test child is in care: the council's first sweep (its baseline) happens then.</summary>
    private static readonly LocalDate GoLive = new(2023, 1, 4);

    private static Instant At(int year, int month, int day, int hour = 6) => Instant.FromUtc(year, month, day, hour, 0);

    private static Child Child(string id, LocalDate entered, string? worker = "SW1") =>
        new(id, "Test", "Child", new LocalDate(2015, 1, 1), LegalStatus.CareOrder, false, "North", ConsentStatus.Given, entered, null, worker);

    private static async Task<(CouncilSweep Sweep, CaseloadStore Store, FindingStateStore States, string Council)> SetUpAsync(RecordExport export, LocalDate? goLive = null)
    {
        var storage = await Azurite.StorageAsync();
        var store = new CaseloadStore(storage);
        var council = Azurite.NewCouncil();
        await store.ImportAsync(council, export, deleteMissing: true);
        if (goLive is { } day)
        {
            await Azurite.GoLiveAsync(storage, council, day);
        }

        var states = new FindingStateStore(storage);
        return (new CouncilSweep(store, states, SweepSettings.Default(Fallback)), store, states, council);
    }

    private static RecordExport DentalExport(LocalDate lastCheck, params DentalCheck[] more) =>
        new([Child("C1", new LocalDate(2024, 1, 1))], [.. Staff],
            [new HealthAssessment("C1", AssessmentType.Iha, new LocalDate(2024, 1, 2), new LocalDate(2024, 1, 10)),
             new HealthAssessment("C1", AssessmentType.Rha, new LocalDate(2026, 9, 1), new LocalDate(2026, 9, 15))], // reviews up to date: only the dental check is late
            [new DentalCheck("C1", lastCheck), .. more], [new Review("C1", new LocalDate(2024, 3, 1), true)], [], []);

    private static IEnumerable<string> Told(DailySweepResult result) =>
        result.Escalations.SelectMany(m => m.Items.Select(i => $"{m.Recipient.Key}:{i.Rule.Code()}@{(int)i.Level}{(i.ChildId == "C1" ? "" : $"#{i.ChildId}")}")).Order();

    [Fact]
    public async Task Two_writers_with_the_same_etag_only_one_wins()
    {
        var storage = await Azurite.StorageAsync();
        var states = new FindingStateStore(storage);
        var council = Azurite.NewCouncil();
        var created = await states.TryWriteAsync(FindingState.New(council, "DENTAL_CHECK|C1|2026-01-01", "C1") with { ClaimedLevel = Domain.Escalation.EscalationLevel.DueSoon });
        Assert.NotNull(created);

        var readByA = await states.ReadAsync(council, "C1", created.Key);
        var readByB = await states.ReadAsync(council, "C1", created.Key);
        Assert.NotNull(await states.TryWriteAsync(readByA! with { ClaimedLevel = Domain.Escalation.EscalationLevel.Overdue, ClaimedBy = "A" }));
        Assert.Null(await states.TryWriteAsync(readByB! with { ClaimedLevel = Domain.Escalation.EscalationLevel.Overdue, ClaimedBy = "B" }));
        Assert.Null(await states.TryWriteAsync(FindingState.New(council, created.Key, "C1"))); // insert of an existing row
        Assert.Equal("A", (await states.ReadAsync(council, "C1", created.Key))!.ClaimedBy);
    }

    [Fact]
    public async Task Rerunning_a_sweep_sends_nothing_twice_and_a_rising_level_sends_only_the_new_audience()
    {
        // Dental check due 2026-09-01: 30 days overdue (level 1) on 1 October, 62 (level 2) on Monday 2 November.
        var (sweep, _, _, council) = await SetUpAsync(DentalExport(new LocalDate(2025, 9, 1)), GoLive);

        var first = await sweep.RunDailyAsync(council, At(2026, 10, 1), "run-1");
        Assert.Equal(["TM1:DENTAL_CHECK@1"], Told(first));

        var again = await sweep.RunDailyAsync(council, At(2026, 10, 2), "run-2");
        Assert.Empty(again.Escalations);

        var escalated = await sweep.RunDailyAsync(council, At(2026, 11, 2), "run-3");
        Assert.Equal(["DA1:DENTAL_CHECK@2"], Told(escalated)); // the dental adviser is added; the manager is not told again
    }

    [Fact]
    public async Task Concurrent_sweeps_notify_each_finding_once()
    {
        var children = Enumerable.Range(1, 30).Select(i => Child($"C{i:D2}", new LocalDate(2026, 9, 1))).ToList();
        var export = new RecordExport([.. children], [.. Staff], [], [], [], [], []);
        var (_, store, states, council) = await SetUpAsync(export, GoLive);
        // Neither sweep claims in a partition until both have read its state: they decide from the same findings,
        // so every claim is a race the store's conditional write must settle. Run one after the other, the first
        // would wait at the first partition and fail.
        var meeting = new BothReadBeforeEitherClaims(states, sweeps: 2);
        var sweep = new CouncilSweep(store, meeting, SweepSettings.Default(Fallback));

        var results = await Task.WhenAll(
            sweep.RunDailyAsync(council, At(2026, 11, 23), "run-a"),
            sweep.RunDailyAsync(council, At(2026, 11, 23), "run-b"));

        Assert.Equal(CouncilPartition.AllOf(council).Select(p => (p, 2)), meeting.Readers.OrderBy(r => r.Key.Number).Select(r => (r.Key, r.Value)));
        // Every finding claimed was claimed by both: one write won, the other was refused.
        Assert.NotEmpty(meeting.Won);
        Assert.Equal(meeting.Won.Order(StringComparer.Ordinal), meeting.Refused.Order(StringComparer.Ordinal));
        var told = results.SelectMany(Told).ToList();
        Assert.Equal(told.Distinct().Count(), told.Count);
        // Each child: IHA request (TM, HoS), IHA completion (HealthTeam, TM, HoS), permanence due soon (no IRO on staff: the TM stands in).
        Assert.Equal(30 * 2, told.Count(t => t.StartsWith("HOS1:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_satisfied_finding_closes_and_a_later_breach_is_new()
    {
        var (sweep, store, states, council) = await SetUpAsync(DentalExport(new LocalDate(2025, 9, 1)), GoLive);
        Assert.Single((await sweep.RunDailyAsync(council, At(2026, 10, 1), "run-1")).Escalations);

        // A check is recorded: the finding closes.
        var rechecked = DentalExport(new LocalDate(2025, 9, 1), new DentalCheck("C1", new LocalDate(2026, 10, 5)));
        await store.ImportAsync(council, rechecked, deleteMissing: true);
        var closing = await sweep.RunDailyAsync(council, At(2026, 10, 6), "run-2");
        Assert.Equal(1, closing.Closed);
        Assert.False((await states.ReadAsync(council, "C1", "DENTAL_CHECK|C1|2026-09-01"))!.Open);

        // The check is withdrawn as a data error: the same breach is news again.
        await store.ImportAsync(council, DentalExport(new LocalDate(2025, 9, 1)), deleteMissing: true);
        Assert.Equal(["TM1:DENTAL_CHECK@1"], Told(await sweep.RunDailyAsync(council, At(2026, 10, 7), "run-3")));
    }

    [Fact]
    public async Task Another_sweep_the_same_day_sends_nothing_new_for_a_claimed_finding()
    {
        var (sweep, _, _, council) = await SetUpAsync(DentalExport(new LocalDate(2025, 9, 1)), GoLive);
        var died = await sweep.RunDailyAsync(council, At(2026, 10, 1, hour: 5), "run-1"); // outputs never left
        Assert.NotEmpty(died.Escalations);

        // Hours later another sweep sends nothing new for the claimed finding: its message is in the outbox (DeliveryGuaranteeTests).
        Assert.Empty((await sweep.RunDailyAsync(council, At(2026, 10, 1, hour: 9), "run-2")).Escalations);
        // The same sweep message again (a redelivery) re-sends what it claimed, with the same ids.
        Assert.Equal(died.Escalations.Select(m => m.MessageId), (await sweep.RunDailyAsync(council, At(2026, 10, 1, hour: 5), "run-1")).Escalations.Select(m => m.MessageId));
    }

    [Theory]
    [InlineData(false, 9, true)]  // the sweep failed for good after claiming: hours later its claims are taken over, same ids
    [InlineData(false, 6, false)] // within the grace period it may still be running: left alone
    [InlineData(true, 9, false)]  // it handed its messages over: they are in the outbox, nothing is claimed twice
    public async Task A_claim_by_a_sweep_that_never_handed_its_messages_over_is_claimed_again_after_the_grace_period(bool handedOver, int hour, bool sentAgain)
    {
        var (_, store, states, council) = await SetUpAsync(DentalExport(new LocalDate(2025, 9, 1)), GoLive);
        var handovers = new Mock<ISweepHandovers>();
        handovers.Setup(h => h.HandedOverAsync(council, It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(true); // every later sweep completes
        handovers.Setup(h => h.HandedOverAsync(council, "run-1", It.IsAny<CancellationToken>())).ReturnsAsync(handedOver);
        var sweep = new CouncilSweep(store, states, SweepSettings.Default(Fallback), handovers: handovers.Object);
        var died = await sweep.RunDailyAsync(council, At(2026, 10, 1, hour: 5), "run-1");
        Assert.NotEmpty(died.Escalations);

        var later = await sweep.RunDailyAsync(council, At(2026, 10, 1, hour: hour), "run-2");

        Assert.Equal(sentAgain ? died.Escalations.Select(m => m.MessageId) : [], later.Escalations.Select(m => m.MessageId));
        // Taken over once, never again (run-2 handed over); an orphan left alone inside the grace period is taken over by the first sweep after it.
        var after = await sweep.RunDailyAsync(council, At(2026, 10, 1, hour: 11), "run-3");
        Assert.Equal(!handedOver && !sentAgain ? died.Escalations.Select(m => m.MessageId) : [], after.Escalations.Select(m => m.MessageId));
    }

    [Fact]
    public async Task A_child_entering_care_is_notified_to_the_health_team_once()
    {
        var export = new RecordExport([Child("C1", new LocalDate(2026, 11, 20))], [.. Staff], [], [], [], [], []);
        var (sweep, _, _, council) = await SetUpAsync(export);

        var first = await sweep.RunDailyAsync(council, At(2026, 11, 23), "run-1");
        var request = Assert.Single(first.IhaRequests);
        Assert.Equal(("C1", new LocalDate(2026, 12, 18), "HT1"), (request.ChildId, request.IhaDueDate, request.Recipient.StaffId));
        Assert.Empty((await sweep.RunDailyAsync(council, At(2026, 11, 24), "run-2")).IhaRequests);
    }

    [Fact]
    public async Task Unresolvable_recipients_are_never_dropped()
    {
        var export = new RecordExport([Child("C1", new LocalDate(2024, 1, 1), worker: null)], [.. Staff], [], [], [], [], []);
        var (sweep, _, _, council) = await SetUpAsync(export, GoLive);

        var result = await sweep.RunDailyAsync(council, At(2026, 11, 23), "run-1");
        var fallback = Assert.Single(result.Escalations, m => m.Recipient.Fallback && m.Purpose != AlertPurpose.SameDay);
        Assert.All(fallback.Items, i => Assert.NotNull(i.StandingInFor));
        var digest = Assert.Single(await sweep.RunDigestAsync(council, At(2026, 11, 23)));
        Assert.True(digest.Recipient.Fallback);
    }

    [Fact]
    public async Task Digest_is_one_message_per_worker_with_findings_and_none_without()
    {
        var staff = Staff.Append(new StaffMember("SW2", "Idle", "sw2@council.example", StaffRole.SocialWorker, "TM1", "A")).ToArray();
        var export = new RecordExport([Child("C1", new LocalDate(2026, 11, 2)), Child("C2", new LocalDate(2026, 11, 2))], [.. staff], [], [], [], [], []);
        var (sweep, _, _, council) = await SetUpAsync(export);

        var digests = await sweep.RunDigestAsync(council, At(2026, 11, 23, hour: 7));
        var digest = Assert.Single(digests);
        Assert.Equal(("SW1", new LocalDate(2026, 11, 23)), (digest.Recipient.StaffId, digest.WeekOf));
        Assert.Equal(["C1", "C2"], digest.Items.Select(i => i.ChildId).Distinct().Order());
        Assert.NotNull(digest.RecordsAsAt); // the import's time, for "records as at"
        Assert.All(digest.Items, i => Assert.False(i.New)); // in care for three weeks: last week's digest had these too
        Assert.Equal(digests.Single().MessageId, (await sweep.RunDigestAsync(council, At(2026, 11, 23, hour: 8))).Single().MessageId);
    }

    private static RecordExport DentalCaseload(params (string Id, LocalDate LastCheck)[] children) =>
        new([.. children.Select(c => Child(c.Id, new LocalDate(2024, 1, 1)))], [.. Staff],
            [.. children.SelectMany(c => new[]
            {
                new HealthAssessment(c.Id, AssessmentType.Iha, new LocalDate(2024, 1, 2), new LocalDate(2024, 1, 10)),
                new HealthAssessment(c.Id, AssessmentType.Rha, new LocalDate(2026, 9, 1), new LocalDate(2026, 9, 15)),
            })],
            [.. children.Select(c => new DentalCheck(c.Id, c.LastCheck))], [.. children.Select(c => new Review(c.Id, new LocalDate(2024, 3, 1), true))], [], []);

    [Fact]
    public async Task A_councils_first_sweep_sends_each_manager_and_specialist_one_baseline_then_only_what_changes()
    {
        // Three dental checks a month late (the team manager's) and one a year late (the dental adviser's too).
        var export = DentalCaseload(("C1", new LocalDate(2025, 9, 1)), ("C2", new LocalDate(2025, 9, 1)), ("C3", new LocalDate(2025, 9, 1)), ("C4", new LocalDate(2024, 9, 1)));
        var (sweep, _, _, council) = await SetUpAsync(export);

        var first = await sweep.RunDailyAsync(council, At(2026, 10, 1), "run-1");

        Assert.All(first.Escalations, m => Assert.Equal(AlertPurpose.Baseline, m.Purpose));
        Assert.Equal(["DA1:1", "TM1:4"], first.Escalations.Select(m => $"{m.Recipient.Key}:{m.Items.Count}").Order());

        // Service Bus redelivers the first sweep's message: the same baseline, the same ids (delivery drops the repeat).
        var redelivered = await sweep.RunDailyAsync(council, At(2026, 10, 1), "run-1");
        Assert.Equal(first.Escalations.Select(m => m.MessageId), redelivered.Escalations.Select(m => m.MessageId));

        Assert.Empty((await sweep.RunDailyAsync(council, At(2026, 10, 2), "run-2")).Escalations); // nothing changed
        var changed = await sweep.RunDailyAsync(council, At(2026, 11, 2), "run-3"); // C1-C3 are now 62 days late
        var escalation = Assert.Single(changed.Escalations);
        Assert.Equal((AlertPurpose.Escalation, "DA1", 3), (escalation.Purpose, escalation.Recipient.Key, escalation.Items.Count));
    }

    [Fact]
    public async Task A_first_sweep_on_a_bank_holiday_is_the_baseline_and_the_next_working_day_sends_nothing_again()
    {
        var (sweep, _, _, council) = await SetUpAsync(DentalCaseload(("C1", new LocalDate(2025, 9, 1))));

        var holiday = await sweep.RunDailyAsync(council, At(2026, 12, 28), "run-holiday"); // bank holiday Monday

        // Everything is claimed into the baseline, whatever the day: otherwise Tuesday would escalate it item by item.
        Assert.NotEmpty(holiday.Escalations);
        Assert.All(holiday.Escalations, m => Assert.Equal(AlertPurpose.Baseline, m.Purpose));
        // A manual re-run hours later finds everything claimed and sends nothing new: if the first run's outputs were lost,
        // the outbox sends those same messages again (DeliveryGuaranteeTests).
        Assert.Empty((await sweep.RunDailyAsync(council, At(2026, 12, 28, hour: 11), "run-rerun")).Escalations);
        Assert.Empty((await sweep.RunDailyAsync(council, At(2026, 12, 29), "run-next")).Escalations);
    }

    [Fact]
    public async Task A_council_swept_before_the_baseline_marker_existed_is_not_treated_as_going_live()
    {
        var (sweep, _, states, council) = await SetUpAsync(DentalCaseload(("C1", new LocalDate(2025, 9, 1))));
        // Finding state left by sweeps before this version: the council is live already.
        await states.TryWriteAsync(FindingState.New(council, "DENTAL_CHECK|C1|2026-09-01", "C1") with { ClaimedLevel = Domain.Escalation.EscalationLevel.DueSoon, ClaimedAt = At(2026, 8, 20) });

        var next = await sweep.RunDailyAsync(council, At(2026, 10, 1), "run-1");

        Assert.Equal(["TM1:DENTAL_CHECK@1"], Told(next));
        Assert.All(next.Escalations, m => Assert.Equal(AlertPurpose.Escalation, m.Purpose));
    }

    [Fact]
    public async Task On_a_bank_holiday_a_missed_return_interview_escalates_but_a_dental_check_waits_for_the_next_working_day()
    {
        // C1's dental check falls due on Sunday 27 December; C2 returned from missing on Christmas Eve (interview due within 72 hours).
        var export = DentalCaseload(("C1", new LocalDate(2025, 12, 27)), ("C2", new LocalDate(2026, 6, 1)));
        var returned = Instant.FromUtc(2026, 12, 24, 18, 0);
        export = export with { MissingEpisodes = [new MissingEpisode("M1", "C2", returned - Duration.FromHours(20), returned, null, null, false)] };
        var (sweep, _, _, council) = await SetUpAsync(export, new LocalDate(2026, 12, 1));

        var holiday = await sweep.RunDailyAsync(council, At(2026, 12, 28), "run-holiday");

        Assert.Equal(["TM1:RETURN_INTERVIEW@1#C2"], Told(holiday).Where(t => t.StartsWith("TM1:", StringComparison.Ordinal)));
        Assert.Contains(holiday.Escalations, m => m.Purpose == AlertPurpose.SameDay && m.Recipient.Key == "SW1");
        Assert.Equal(0, holiday.Closed); // the waiting dental finding is still open, not closed
        var nextDay = await sweep.RunDailyAsync(council, At(2026, 12, 29), "run-next");
        Assert.Equal(["TM1:DENTAL_CHECK@1"], Told(nextDay).Where(t => t.StartsWith("TM1:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_child_placed_out_of_area_is_asked_of_the_host_icbs_health_team_and_stored_details_survive()
    {
        var placedAway = Child("C1", new LocalDate(2026, 11, 20)) with
        {
            PlacementIcb = "QYG",
            Referral = HealthReferral.None with { FirstLanguage = "Tigrinya", InterpreterNeeded = true, CarerPhone = "07700 900123" },
        };
        var export = new RecordExport([placedAway, Child("C2", new LocalDate(2026, 11, 20))], [.. Staff], [], [], [], [], []);
        var (_, store, states, council) = await SetUpAsync(export);
        var healthTeams = new HealthTeamMailboxes(new Dictionary<string, HealthTeamMailboxes.Mailbox> { ["QYG"] = new("cm.lac@nhs.example", "Cheshire and Merseyside") }.ToImmutableDictionary());
        var sweep = new CouncilSweep(store, states, SweepSettings.Default(Fallback) with { HealthTeams = healthTeams });

        var result = await sweep.RunDailyAsync(council, At(2026, 11, 23), "run-1");

        Assert.Equal(["C1:healthteam:QYG", "C2:HT1"], result.IhaRequests.Select(r => $"{r.ChildId}:{r.Recipient.Key}").Order());
        var stored = await store.ReadChildAsync(council, "C1");
        Assert.Equal(placedAway.Referral, stored!.Referral); // Table Storage keeps the request's details
        Assert.Equal("QYG", stored.PlacementIcb);
    }

    /// <summary>
    /// The finding-state store, with a meeting point after each partition read: a sweep goes on to claim in a
    /// partition only once every sweep has read that partition's state. Which claims were written and which refused.
    /// </summary>
    private sealed class BothReadBeforeEitherClaims(IFindingStateStore store, int sweeps) : IFindingStateStore
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<CouncilPartition, Meeting> _meetings = new();

        public System.Collections.Concurrent.ConcurrentBag<string> Won { get; } = [];

        public System.Collections.Concurrent.ConcurrentBag<string> Refused { get; } = [];

        /// <summary>How many sweeps read each partition.</summary>
        public IReadOnlyDictionary<CouncilPartition, int> Readers => _meetings.ToDictionary(m => m.Key, m => m.Value.Arrived);

        public async Task<Dictionary<string, FindingState>> ReadPartitionAsync(CouncilPartition partition, CancellationToken cancellationToken = default)
        {
            var read = await store.ReadPartitionAsync(partition, cancellationToken);
            var meeting = _meetings.GetOrAdd(partition, _ => new Meeting());
            if (Interlocked.Increment(ref meeting.Arrived) == sweeps)
            {
                meeting.AllRead.SetResult();
            }

            try
            {
                await meeting.AllRead.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            }
            catch (TimeoutException)
            {
                Assert.Fail($"partition {partition.Number} was read by {meeting.Arrived} of {sweeps} sweeps in 30 s: the sweeps did not overlap");
            }

            return read;
        }

        public async Task<FindingState?> TryWriteAsync(FindingState updated, CancellationToken cancellationToken = default)
        {
            var written = await store.TryWriteAsync(updated, cancellationToken);
            (written is null ? Refused : Won).Add(updated.Key);
            return written;
        }

        public Task<FindingState?> ReadAsync(string council, string childId, string key, CancellationToken cancellationToken = default) =>
            store.ReadAsync(council, childId, key, cancellationToken);

        public Task<bool> AnyAsync(string council, CancellationToken cancellationToken = default) => store.AnyAsync(council, cancellationToken);

        private sealed class Meeting
        {
            public int Arrived;

            public TaskCompletionSource AllRead { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}
