using CpAlerts.Adapters.Storage;
using CpAlerts.Application.Configuration;
using CpAlerts.Application.Import;
using CpAlerts.Application.Messages;
using CpAlerts.Application.Sweep;
using CpAlerts.Domain.Acknowledgements;
using CpAlerts.Domain.Escalation;
using CpAlerts.Domain.Records;
using CpAlerts.Domain.Rules;
using NodaTime;

namespace CpAlerts.Integration.Tests;

/// <summary>The sweep honours "in hand until": held escalations are not sent, and the morning after the date they are, saying so.</summary>
public class AcknowledgementSweepTests
{
    private static readonly StaffMember[] Staff =
    [
        new("SW1", "Sam Worker", "sw1@council.example", StaffRole.SocialWorker, "TM1", "A"),
        new("TM1", "Manager", "tm1@council.example", StaffRole.TeamManager, "HOS1", "A"),
        new("HOS1", "Head", "hos@council.example", StaffRole.HeadOfService, null, null),
        new("HT1", "Health", "health@nhs.example", StaffRole.HealthTeam, null, null),
    ];

    private static Instant At(int month, int day) => Instant.FromUtc(2026, month, day, 6, 0);

    /// <summary>In care from Thu 1 Oct 2026, IHA requested the next day and not done: due Thu 29 Oct (20 working days), escalated from 8 Nov (10 days overdue).</summary>
    private static async Task<(CouncilSweep Sweep, AcknowledgementStore Acknowledgements, string Council)> SetUpAsync()
    {
        var storage = await Azurite.StorageAsync();
        var store = new CaseloadStore(storage);
        var council = Azurite.NewCouncil();
        await store.ImportAsync(council, new RecordExport(
            [new Child("C1", "Test", "Child", new LocalDate(2015, 1, 1), LegalStatus.CareOrder, false, "North", ConsentStatus.Given, new LocalDate(2026, 10, 1), null, "SW1")],
            [.. Staff], [new HealthAssessment("C1", AssessmentType.Iha, new LocalDate(2026, 10, 2), null)], [], [], [], []), deleteMissing: true);
        await Azurite.GoLiveAsync(storage, council, new LocalDate(2026, 9, 1));
        var acknowledgements = new AcknowledgementStore(storage);
        return (new CouncilSweep(store, new FindingStateStore(storage), SweepSettings.Default("fallback@council.example"), acknowledgements), acknowledgements, council);
    }

    private static IEnumerable<AlertItem> IhaItems(DailySweepResult result, string recipient) =>
        result.Escalations.Where(m => m.Recipient.Key == recipient).SelectMany(m => m.Items).Where(i => i.Rule == RuleId.IhaCompletion);

    [Fact]
    public async Task An_acknowledged_iha_is_not_escalated_to_the_head_of_service_while_in_hand_and_is_the_morning_after_it_lapses()
    {
        var (sweep, acknowledgements, council) = await SetUpAsync();
        var overdue = await sweep.RunDailyAsync(council, At(11, 2), "run-1");
        var item = Assert.Single(IhaItems(overdue, "TM1"));
        Assert.Equal(EscalationLevel.Overdue, item.Level);

        // The social worker: the appointment is booked for 11 November; in hand until the 12th.
        await acknowledgements.RecordAsync(council, new Acknowledgement(item.FindingKey, RuleId.IhaCompletion, "C1", "C1", EscalationLevel.Overdue,
            AcknowledgementReason.AppointmentBooked, null, new LocalDate(2026, 11, 12), "SW1", At(11, 2)));

        foreach (var day in new[] { 9, 10, 11, 12 })
        {
            var held = await sweep.RunDailyAsync(council, At(11, day), $"run-{day}");
            Assert.Empty(IhaItems(held, "HOS1"));
            Assert.True(held.OpenFindings > 0); // kept open, not closed
            Assert.Equal(1, held.Held); // escalated (10 days overdue) since the 8th: held, and counted
        }

        // The digest still lists it, marked in hand.
        var digest = Assert.Single(await sweep.RunDigestAsync(council, At(11, 9)), d => d.Recipient.Key == "SW1");
        var listed = Assert.Single(digest.Items, i => i.Rule == RuleId.IhaCompletion);
        Assert.Equal(new InHandNote(new LocalDate(2026, 11, 12), "SW1", "appointment-booked"), listed.InHand);

        var lapsed = await sweep.RunDailyAsync(council, At(11, 13), "run-13");
        Assert.Equal(0, lapsed.Held);
        var escalated = Assert.Single(IhaItems(lapsed, "HOS1"));
        Assert.Equal(EscalationLevel.Escalated, escalated.Level);
        Assert.Equal(new NodaTime.LocalDate(2026, 11, 12), escalated.InHand?.Until); // the email says the in-hand date lapsed
        Assert.Empty(IhaItems(await sweep.RunDailyAsync(council, At(11, 14), "run-14"), "HOS1")); // once
    }

    [Fact]
    public async Task Withdrawn_means_escalated_at_the_next_sweep_and_both_changes_are_in_the_audit()
    {
        var (sweep, acknowledgements, council) = await SetUpAsync();
        var item = Assert.Single(IhaItems(await sweep.RunDailyAsync(council, At(11, 2), "run-1"), "TM1"));
        await acknowledgements.RecordAsync(council, new Acknowledgement(item.FindingKey, RuleId.IhaCompletion, "C1", "C1", EscalationLevel.Overdue,
            AcknowledgementReason.ConsentAwaited, null, new LocalDate(2026, 11, 12), "SW1", At(11, 2)));
        Assert.Empty(IhaItems(await sweep.RunDailyAsync(council, At(11, 9), "run-9"), "HOS1"));

        Assert.True(await acknowledgements.WithdrawAsync(council, item.FindingKey, "TM1", At(11, 9) + Duration.FromHours(3)));
        Assert.False(await acknowledgements.WithdrawAsync(council, item.FindingKey, "TM1", At(11, 9) + Duration.FromHours(4))); // nothing left to withdraw
        Assert.Single(IhaItems(await sweep.RunDailyAsync(council, At(11, 10), "run-10"), "HOS1"));

        var audit = await acknowledgements.ReadHistoryAsync(council);
        Assert.Equal([(false, "SW1"), (true, "TM1")], audit.Select(a => (a.Withdrawn, a.ByStaffId)));
        Assert.All(audit, a => Assert.Equal((item.FindingKey, AcknowledgementReason.ConsentAwaited, new LocalDate(2026, 11, 12)), (a.Acknowledgement.FindingKey, a.Acknowledgement.Reason, a.Acknowledgement.Until)));
        Assert.Empty(await acknowledgements.ReadCurrentAsync(council));

        // Said again after the withdrawal: the limit still counts from the first time (the 2nd), not from the 10th.
        await acknowledgements.RecordAsync(council, new Acknowledgement(item.FindingKey, RuleId.IhaCompletion, "C1", "C1", EscalationLevel.Escalated,
            AcknowledgementReason.AppointmentBooked, null, new LocalDate(2026, 11, 12), "TM1", At(11, 10)));
        Assert.Equal(At(11, 2), await acknowledgements.FirstAcknowledgedAsync(council, item.FindingKey));
        Assert.Null(await acknowledgements.FirstAcknowledgedAsync(council, "DENTAL_CHECK|C1|2026-11-01"));
    }
}
