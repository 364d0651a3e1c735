using CpAlerts.Adapters.Storage;
using CpAlerts.Application.Configuration;
using CpAlerts.Application.Ports;
using CpAlerts.Domain.Escalation;
using NodaTime;

namespace CpAlerts.Integration.Tests;

/// <summary>The daily purge against Azurite: what is past its retention goes, what is open or the go-live marker stays.</summary>
public class RetentionTests
{
    [Fact]
    public async Task Rows_past_their_retention_are_deleted_and_open_findings_and_the_go_live_marker_are_kept()
    {
        // Own tables: the purge reads whole tables.
        var storage = TableStorage.FromConfiguration(Azurite.Configuration((TablesOptions.PrefixSetting, "r" + Guid.NewGuid().ToString("N")[..12])));
        await storage.EnsureTablesAsync();
        var states = new FindingStateStore(storage);
        var now = SystemClock.Instance.GetCurrentInstant();
        await states.TryWriteAsync(FindingState.New("DEMO", "DENTAL_CHECK|C1|2025-01-01", "C1") with { ClaimedLevel = EscalationLevel.Overdue, Open = false });
        await states.TryWriteAsync(FindingState.New("DEMO", "DENTAL_CHECK|C2|2025-01-01", "C2") with { ClaimedLevel = EscalationLevel.Overdue });
        await states.TryWriteAsync(FindingState.New("DEMO", "COUNCIL_BASELINE", "") with { ClaimedBy = "go-live", ClaimedAt = now, Open = false });
        await new DeliveryLog(storage, Duration.FromMinutes(5)).BeginAsync("DEMO", "m1", "digest", now, default);
        await new ImportRunLog(storage).RecordAsync("DEMO", now, now, "complete", new ImportCounts(1, 1, 0), 0);
        Domain.Acknowledgements.Acknowledgement InHand(string child) => new($"DENTAL_CHECK|{child}|2025-01-01", Domain.Rules.RuleId.DentalCheck, child, child,
            EscalationLevel.Overdue, Domain.Acknowledgements.AcknowledgementReason.Other, "dentist booked", new LocalDate(2025, 3, 1), "S1", now);
        var acknowledgements = new AcknowledgementStore(storage);
        await acknowledgements.RecordAsync("DEMO", InHand("C1")); // a row and its audit, for a finding since closed
        await acknowledgements.RecordAsync("DEMO", InHand("C2")); // and for one still open: its first audit row is where the limit counts from
        await new OutboxTable(storage).KeepAsync([new OutboxMessage("GONE", "m2", "digests", "{}", now)]); // a council whose sweeps stopped
        var purge = new RetentionPurge(storage, RetentionOptions.Default);

        // Azurite stamps each row with the real time of writing: a purge "400 days later" sees them as old.
        var tooSoon = await purge.PurgeAsync(now + Duration.FromDays(RetentionOptions.DefaultDays - 1));
        var later = await purge.PurgeAsync(now + Duration.FromDays(RetentionOptions.DefaultDays + 1));
        var again = await purge.PurgeAsync(now + Duration.FromDays(RetentionOptions.DefaultDays + 1));

        Assert.Equal(new RetentionPurge.Counts(0, 0, 0), tooSoon);
        Assert.Equal(new RetentionPurge.Counts(1, 1, 1) { Acknowledgements = 2, Outbox = 1 }, later);
        Assert.Equal(new RetentionPurge.Counts(0, 0, 0), again); // a retried timer deletes nothing more
        Assert.Null(await states.ReadAsync("DEMO", "C1", "DENTAL_CHECK|C1|2025-01-01"));
        Assert.NotNull(await states.ReadAsync("DEMO", "C2", "DENTAL_CHECK|C2|2025-01-01")); // still open: still news
        Assert.NotNull(await states.ReadAsync("DEMO", "", "COUNCIL_BASELINE")); // or the council would go live again
        Assert.Equal(["DENTAL_CHECK|C2|2025-01-01"], (await acknowledgements.ReadCurrentAsync("DEMO")).Keys); // the open item's kept
        Assert.NotNull(await acknowledgements.FirstAcknowledgedAsync("DEMO", "DENTAL_CHECK|C2|2025-01-01"));
    }
}
