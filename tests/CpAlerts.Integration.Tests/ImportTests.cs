using Azure.Data.Tables;
using CpAlerts.Adapters.Csv;
using CpAlerts.Adapters.Storage;
using CpAlerts.Application.Import;
using CpAlerts.Application.Ports;
using CpAlerts.Domain.Records;
using CpAlerts.Testing.Synthetic;
using CpAlerts.Tool.Cli;
using CpAlerts.Tool.Jobs;
using NodaTime;

namespace CpAlerts.Integration.Tests;

public class ImportTests
{
    private static readonly LocalDate Today = new(2026, 11, 23);
    private static readonly Instant AsOf = Instant.FromUtc(2026, 11, 23, 9, 0);

    private static RecordExport Export(int children, int seed = 7) => new SyntheticCaseload(children, seed, Today).Generate();

    private static async Task<List<ChildRecords>> ReadBackAsync(CaseloadStore store, string council)
    {
        var list = new List<ChildRecords>();
        await foreach (var c in store.ReadChildrenAsync(council))
        {
            list.Add(c);
        }

        return list;
    }

    private static string Canonical(IEnumerable<ChildRecords> children) => string.Join("\n", children.OrderBy(c => c.Child.ChildId, StringComparer.Ordinal).Select(c =>
        $"{c.Child} H[{string.Join(",", c.HealthAssessments.OrderBy(x => x.ToString()))}] D[{string.Join(",", c.DentalChecks.OrderBy(x => x.CheckedOn))}] " +
        $"R[{string.Join(",", c.Reviews.OrderBy(x => x.ToString()))}] M[{string.Join(",", c.MissingEpisodes.OrderBy(x => x.EpisodeId))}]"));

    [Fact]
    public async Task One_childs_records_are_read_by_id_whole_and_no_one_elses()
    {
        var storage = await Azurite.StorageAsync();
        var store = new CaseloadStore(storage);
        var council = Azurite.NewCouncil();
        var export = Export(60);
        // A child whose id begins with another's: a prefix query would hand the first one the second one's rows.
        export = export with { Children = export.Children.Add(export.Children[0] with { ChildId = export.Children[0].ChildId + "0" }) };
        await store.ImportAsync(council, export, deleteMissing: true);

        foreach (var child in export.ToCaseload().Children)
        {
            Assert.Equal(Canonical([child]), Canonical([(await store.ReadChildRecordsAsync(council, child.Child.ChildId))!]));
        }

        Assert.Null(await store.ReadChildRecordsAsync(council, "C999999"));
    }

    [Fact]
    public async Task Import_round_trip_gives_back_every_record()
    {
        var storage = await Azurite.StorageAsync();
        var store = new CaseloadStore(storage);
        var council = Azurite.NewCouncil();
        var export = Export(60);

        await store.ImportAsync(council, export, deleteMissing: true);

        Assert.Equal(Canonical(export.ToCaseload().Children), Canonical(await ReadBackAsync(store, council)));
        Assert.Equal(export.Staff.OrderBy(s => s.StaffId), (await store.ReadStaffAsync(council)).OrderBy(s => s.StaffId));
        Assert.Contains(council, await store.ReadCouncilsAsync());
    }

    [Fact]
    public async Task Reimporting_the_same_export_changes_nothing()
    {
        var store = new CaseloadStore(await Azurite.StorageAsync());
        var council = Azurite.NewCouncil();
        var export = Export(40);

        var first = await store.ImportAsync(council, export, deleteMissing: true);
        var before = Canonical(await ReadBackAsync(store, council));
        var second = await store.ImportAsync(council, export, deleteMissing: true);

        Assert.Equal(first with { Deleted = 0 }, second);
        Assert.Equal(0, second.Deleted);
        Assert.Equal(before, Canonical(await ReadBackAsync(store, council)));
    }

    [Fact]
    public async Task Records_the_export_no_longer_lists_are_deleted_only_after_a_fully_valid_import()
    {
        var storage = await Azurite.StorageAsync();
        var store = new CaseloadStore(storage);
        var council = Azurite.NewCouncil();
        var full = Export(30);
        await store.ImportAsync(council, full, deleteMissing: true);

        // A half-valid export that omits C000001: nothing may be deleted.
        var withoutFirst = Without(full, "C000001");
        var halfValid = withoutFirst with { Rejected = [new RejectedRow("children.csv", 9, "date_of_birth", "unparseable date")] };
        var outcome = await ImportJob.RunAsync(storage, council, halfValid, SystemClock.Instance, null, default);
        Assert.Contains("nothing removed", outcome.Text, StringComparison.Ordinal);
        Assert.Contains("1 row(s) were rejected", outcome.Text, StringComparison.Ordinal);
        Assert.Contains(await ReadBackAsync(store, council), c => c.Child.ChildId == "C000001");

        // The same export, valid: C000001 and all its rows go.
        var counts = await store.ImportAsync(council, withoutFirst, deleteMissing: true);
        Assert.True(counts.Deleted >= 1);
        Assert.DoesNotContain(await ReadBackAsync(store, council), c => c.Child.ChildId == "C000001");
        Assert.Equal(Canonical(withoutFirst.ToCaseload().Children), Canonical(await ReadBackAsync(store, council)));
    }

    [Fact]
    public async Task Councils_are_kept_apart()
    {
        var store = new CaseloadStore(await Azurite.StorageAsync());
        string a = Azurite.NewCouncil(), b = Azurite.NewCouncil();
        await store.ImportAsync(a, Export(20, seed: 1), deleteMissing: true);
        await store.ImportAsync(b, Export(35, seed: 2), deleteMissing: true);

        Assert.Equal(20, (await ReadBackAsync(store, a)).Count);
        Assert.Equal(35, (await ReadBackAsync(store, b)).Count);
        var councils = await store.ReadCouncilsAsync();
        Assert.Contains(a, councils);
        Assert.Contains(b, councils);
    }

    [Fact]
    public async Task A_councils_children_are_spread_over_its_partitions_with_each_childs_rows_together()
    {
        var storage = await Azurite.StorageAsync();
        var council = Azurite.NewCouncil();
        var export = Export(300);
        await new CaseloadStore(storage).ImportAsync(council, export, deleteMissing: true);

        var rows = 0;
        var used = 0;
        foreach (var partition in CouncilPartition.AllOf(council))
        {
            var inPartition = 0;
            await foreach (var e in storage.Table(TableNames.Caseload).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition.Key}"), select: ["ChildId"]))
            {
                Assert.Equal(partition, CouncilPartition.Of(council, e.GetString("ChildId")));
                inPartition++;
            }

            rows += inPartition;
            used += inPartition > 0 ? 1 : 0;
        }

        Assert.Equal(CaseloadEntities.CaseloadOf(council, export).DistinctBy(e => e.RowKey).Count(), rows);
        Assert.Equal(CouncilPartition.Count, used);
    }

    [Fact]
    public async Task A_partition_read_ahead_gives_each_child_once_even_after_an_earlier_reader_stopped_mid_page()
    {
        var store = new CaseloadStore(await Azurite.StorageAsync());
        var council = Azurite.NewCouncil();
        var export = Export(1_000);
        await store.ImportAsync(council, export, deleteMissing: true); // ~1,000 rows a partition: more than one page
        var partition = CouncilPartition.AllOf(council).First();

        // Stopping while the next page is already asked for must not throw (nor disturb later reads).
        await foreach (var _ in store.ReadChildrenAsync(partition))
        {
            break;
        }

        var read = new List<string>();
        await foreach (var child in store.ReadChildrenAsync(partition))
        {
            read.Add(child.Child.ChildId);
        }

        var expected = export.Children.Where(c => CouncilPartition.Of(council, c.ChildId) == partition).Select(c => c.ChildId).Order(StringComparer.Ordinal);
        Assert.True(read.Count > 30, $"{read.Count} children in the partition");
        Assert.Equal(expected, read.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Evaluating_storage_gives_the_same_findings_as_the_csv_on_2000_children()
    {
        var storage = await Azurite.StorageAsync();
        var store = new CaseloadStore(storage);
        var council = Azurite.NewCouncil();
        var folder = Path.Combine(Path.GetTempPath(), "cpalerts-parity-" + council);
        ExportWriter.Write(Export(2000, seed: 42), folder);
        var export = RecordExportReader.ReadFolder(folder); // through the CSV, exactly as evaluate --data reads it
        Assert.Empty(export.Rejected);
        await store.ImportAsync(council, export, deleteMissing: true);

        var context = EvaluateCommand.Context(AsOf, Azurite.Configuration());
        var fromCsv = Domain.Rules.RulesEngine.Standard.Evaluate(export.ToCaseload().Children, context);
        var fromStorage = await EvaluateCommand.EvaluateStoredAsync(store, council, context, default);

        Assert.True(fromCsv.Length > 100);
        Assert.Equal(fromCsv.Select(f => f.ToString()), fromStorage.Select(f => f.ToString()));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Ids_with_characters_table_keys_forbid_survive_the_round_trip()
    {
        var store = new CaseloadStore(await Azurite.StorageAsync());
        var council = Azurite.NewCouncil();
        var child = new Child("A/B#C?D\\E|F%", null, null, new LocalDate(2015, 1, 1), null, false, null, null, new LocalDate(2026, 1, 1), null, "S/1");
        var export = new RecordExport([child], [], [], [new DentalCheck(child.ChildId, new LocalDate(2026, 2, 1))], [], [], []);
        await store.ImportAsync(council, export, deleteMissing: true);
        var back = Assert.Single(await ReadBackAsync(store, council));
        Assert.Equal(child, back.Child);
        Assert.Single(back.DentalChecks);
    }

    /// <summary>Each IHA request detail alone (so one lost property fails on its own), every one at its longest, and none at all.</summary>
    private static readonly Dictionary<string, HealthReferral> ReferralsByDetail = ReferralsToStore();

    public static TheoryData<string> Referrals() => [.. ReferralsByDetail.Keys];

    private static Dictionary<string, HealthReferral> ReferralsToStore()
    {
        var longest = string.Concat(Enumerable.Repeat("Placeholder ", 17))[..CsvRow.MaxTextLength];
        var all = HealthReferral.None with
        {
            Identity = new ChildIdentity(Ethnicity.NotYetObtained, longest[..60], longest[..60]),
            Family = new FamilyAndLegal(longest, longest, CategoryOfNeed.AbsentParenting),
            Placement = new PlacementDetails(longest, new LocalDate(2026, 1, 2)),
            Health = new KnownHealth(longest, longest, longest, longest, ImmunisationStatus.NotKnown),
            School = longest,
        };
        return new()
        {
            { "ethnicity", HealthReferral.None with { Identity = ChildIdentity.None with { Ethnicity = Ethnicity.WhiteAndBlackCaribbean } } },
            { "religion", HealthReferral.None with { Identity = ChildIdentity.None with { Religion = "No religion" } } },
            { "gender identity", HealthReferral.None with { Identity = ChildIdentity.None with { GenderIdentity = "Non-binary" } } },
            { "parental responsibility", HealthReferral.None with { Family = FamilyAndLegal.None with { ParentalResponsibility = "The council (care order), shared with the mother" } } },
            { "parents", HealthReferral.None with { Family = FamilyAndLegal.None with { Parents = "Mother: Alpha Placeholder; father: not known" } } },
            { "reason for entering care", HealthReferral.None with { Family = FamilyAndLegal.None with { ReasonForEnteringCare = CategoryOfNeed.FamilyInAcuteStress } } },
            { "placement address", HealthReferral.None with { Placement = PlacementDetails.None with { Address = "12 Specimen Road, Farfield" } } },
            { "placement start", HealthReferral.None with { Placement = PlacementDetails.None with { StartDate = new LocalDate(2026, 3, 4) } } },
            { "health needs", HealthReferral.None with { Health = KnownHealth.None with { HealthNeeds = "Asthma" } } },
            { "disability", HealthReferral.None with { Health = KnownHealth.None with { Disability = "None" } } },
            { "allergies", HealthReferral.None with { Health = KnownHealth.None with { Allergies = "Penicillin" } } },
            { "medication", HealthReferral.None with { Health = KnownHealth.None with { Medication = "Emollient cream" } } },
            { "immunisations", HealthReferral.None with { Health = KnownHealth.None with { Immunisations = ImmunisationStatus.UpToDate } } },
            { "school", HealthReferral.None with { School = "Alpha Placeholder Primary School" } },
            { "all, at their longest", all },
            { "none", HealthReferral.None },
        };
    }

    [Theory]
    [MemberData(nameof(Referrals))]
    public async Task The_iha_request_details_and_the_workers_phone_survive_table_storage(string detail)
    {
        var referral = ReferralsByDetail[detail];
        var store = new CaseloadStore(await Azurite.StorageAsync());
        var council = Azurite.NewCouncil();
        var child = new Child("C1", "Hotel", "Madeup", new LocalDate(2015, 1, 1), LegalStatus.CareOrder, false, "Northtown", null, new LocalDate(2026, 1, 1), null, "S1") { Referral = referral };
        var worker = new StaffMember("S1", "Sam Worker", "sam@council.example", StaffRole.SocialWorker, "TM1", "A")
        {
            Phone = detail == "none" ? null : PhoneNumber.TryParse("+44 (0)1632 960123", out var phone, out _) ? phone : null,
        };

        await store.ImportAsync(council, new RecordExport([child], [worker], [], [], [], [], []), deleteMissing: true);

        Assert.Equal(referral, (await store.ReadChildAsync(council, "C1"))!.Referral);
        Assert.Equal(worker, await store.ReadStaffMemberAsync(council, "S1"));
        Assert.Equal(worker.Phone, (await store.ReadStaffMemberAsync(council, "S1"))!.Phone);
    }

    private static RecordExport Without(RecordExport export, string childId) => export with
    {
        Children = export.Children.RemoveAll(c => c.ChildId == childId),
        HealthAssessments = export.HealthAssessments.RemoveAll(c => c.ChildId == childId),
        DentalChecks = export.DentalChecks.RemoveAll(c => c.ChildId == childId),
        Reviews = export.Reviews.RemoveAll(c => c.ChildId == childId),
        MissingEpisodes = export.MissingEpisodes.RemoveAll(c => c.ChildId == childId),
    };
}
