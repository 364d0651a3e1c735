using System.Collections.Immutable;
using CpAlerts.Adapters.Storage;
using CpAlerts.Application.Import;
using CpAlerts.Application.Ports;
using CpAlerts.Domain.Acknowledgements;
using CpAlerts.Domain.Escalation;
using CpAlerts.Domain.Records;
using CpAlerts.Domain.Rules;
using NodaTime;

namespace CpAlerts.Integration.Tests;

/// <summary>
/// The team view's stored parts against Azurite: the open items the daily sweep writes (replaced whole, one social
/// worker's read alone, one council never another's) and the sign-in entries each import keeps.
/// </summary>
public class OpenItemsTableTests
{
    private static readonly Instant Morning = Instant.FromUtc(2026, 12, 3, 6, 0);

    private static OpenItem Item(string child, string? worker, RuleId rule = RuleId.DentalCheck, int daysOverdue = 3) => new(
        new Finding(rule, child, child, new LocalDate(2026, 11, 30), null, FindingStatus.Overdue, daysOverdue, EscalationLevel.Overdue, ImmutableArray<Audience>.Empty),
        worker, "Alpha", "Testcase");

    [Fact]
    public async Task A_sweep_replaces_the_items_whole_and_a_worker_reads_only_their_own()
    {
        var council = Azurite.NewCouncil();
        var table = new OpenItemsTable(await Azurite.StorageAsync());
        await table.ReplaceAsync(council, Morning, [Item("C1", "SW1"), Item("C2", "SW1"), Item("C3", "SW2"), Item("C4", null)]);
        await table.ReplaceAsync(council + "X", Morning, [Item("C9", "SW1")]); // a council whose code starts with this one's

        var sam = await table.ReadAsync(council, ["SW1"]);
        Assert.Equal(["C1", "C2"], sam.Items.Select(i => i.Finding.ChildId).Order());
        Assert.Equal(Morning, sam.AsOf);
        Assert.Equal(["C4"], (await table.ReadAsync(council, [null])).Items.Select(i => i.Finding.ChildId));
        Assert.Equal(["C1", "C2", "C3", "C4"], (await table.ReadCouncilAsync(council)).Items.Select(i => i.Finding.ChildId).Order());

        // The next morning C1's check is done and C3 moved to SW1: nothing is left where it was.
        await table.ReplaceAsync(council, Morning.Plus(Duration.FromDays(1)), [Item("C2", "SW1"), Item("C3", "SW1")]);
        Assert.Equal(["C2", "C3"], (await table.ReadAsync(council, ["SW1"])).Items.Select(i => i.Finding.ChildId).Order());
        Assert.Empty((await table.ReadAsync(council, ["SW2", null])).Items);
        Assert.Equal(["C9"], (await table.ReadCouncilAsync(council + "X")).Items.Select(i => i.Finding.ChildId));
    }

    [Fact]
    public async Task In_hand_is_set_and_cleared_on_a_listed_item_and_never_brings_back_a_closed_one()
    {
        var council = Azurite.NewCouncil();
        var table = new OpenItemsTable(await Azurite.StorageAsync());
        var open = Item("C1", "SW1", RuleId.ReturnInterview) with { Finding = Item("C1", "SW1", RuleId.ReturnInterview).Finding with { DueAt = Morning, HoursOverdue = 72 } };
        await table.ReplaceAsync(council, Morning, [open]);
        var said = new Acknowledgement(open.Finding.Key, open.Finding.Rule, "C1", "C1", EscalationLevel.Overdue, AcknowledgementReason.Other, "interview arranged at school",
            new LocalDate(2026, 12, 5), "SW1", Morning);

        Assert.True(await table.SetInHandAsync(council, "SW1", open.Finding.Key, said, "Sam Worker"));
        var read = await table.FindAsync(council, "SW1", open.Finding.Key);
        Assert.Equal(said, read!.InHand);
        Assert.Equal("Sam Worker", read.InHandBy);
        Assert.Equal(open.Finding, read.Finding);

        Assert.True(await table.SetInHandAsync(council, "SW1", open.Finding.Key, null, null));
        Assert.Null((await table.FindAsync(council, "SW1", open.Finding.Key))!.InHand);

        await table.ReplaceAsync(council, Morning, []);
        Assert.False(await table.SetInHandAsync(council, "SW1", open.Finding.Key, said, "Sam Worker"));
        Assert.Null(await table.FindAsync(council, "SW1", open.Finding.Key));
    }

    private static RecordExport Staff(params StaffMember[] staff) => new([], [.. staff], [], [], [], [], []);

    [Fact]
    public async Task Signing_in_finds_the_councils_whose_staff_records_hold_the_address_and_an_old_entry_signs_nobody_in()
    {
        var (a, b) = (Azurite.NewCouncil(), Azurite.NewCouncil());
        var store = new CaseloadStore(await Azurite.StorageAsync());
        await store.ImportAsync(a, Staff(new StaffMember("SW1", "Sam Worker", "Sam.Worker@Council.example", StaffRole.SocialWorker, "TM1", "A")), deleteMissing: true);
        await store.ImportAsync(b, Staff(new StaffMember("X7", "Sam Worker", "sam.worker@council.example", StaffRole.TeamManager, null, "B")), deleteMissing: true);

        var found = await store.FindStaffByEmailAsync("SAM.WORKER@council.example");
        Assert.Equal(new[] { (a, "SW1"), (b, "X7") }.Order(), found.Where(f => f.Council == a || f.Council == b).Select(f => (f.Council, f.Member.StaffId)).Order());

        // Council B's export gives the address to someone else, and A's no longer lists Sam: only B's new holder signs in.
        await store.ImportAsync(a, Staff(new StaffMember("SW2", "Kit Worker", "kit.worker@council.example", StaffRole.SocialWorker, "TM1", "A")), deleteMissing: true);
        await store.ImportAsync(b, Staff(new StaffMember("X8", "Jo Newcomer", "sam.worker@council.example", StaffRole.SocialWorker, null, "B")), deleteMissing: true);
        Assert.Equal([(b, "X8")], (await store.FindStaffByEmailAsync("sam.worker@council.example")).Where(f => f.Council == a || f.Council == b).Select(f => (f.Council, f.Member.StaffId)));
        Assert.Equal([(a, "SW2")], (await store.FindStaffByEmailAsync("kit.worker@council.example")).Where(f => f.Council == a || f.Council == b).Select(f => (f.Council, f.Member.StaffId)));
    }

    [Fact]
    public async Task A_council_imported_before_the_sign_in_entries_existed_is_still_searched_for_its_staff()
    {
        var council = Azurite.NewCouncil();
        var storage = await Azurite.StorageAsync();
        var store = new CaseloadStore(storage);
        await store.ImportAsync(council, Staff(new StaffMember("SW1", "Sam Worker", "old.import@council.example", StaffRole.SocialWorker, null, "A")), deleteMissing: true);
        // As an import before this version left it: a councils row without the mark, and no entry.
        await storage.Table(TableNames.Councils).UpsertEntityAsync(new Azure.Data.Tables.TableEntity("councils", TableKeys.Escape(council)) { ["Council"] = council },
            Azure.Data.Tables.TableUpdateMode.Replace);
        await storage.Table(TableNames.StaffEmails).DeleteEntityAsync(TableKeys.Escape("old.import@council.example"), TableKeys.Escape(council));

        Assert.Equal([(council, "SW1")], (await store.FindStaffByEmailAsync("Old.Import@council.example")).Where(f => f.Council == council).Select(f => (f.Council, f.Member.StaffId)));
    }
}
