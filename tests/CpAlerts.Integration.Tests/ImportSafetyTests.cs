using CpAlerts.Adapters.Storage;
using CpAlerts.Application.Import;
using CpAlerts.Testing.Synthetic;
using NodaTime;

namespace CpAlerts.Integration.Tests;

/// <summary>`import` as a careless nightly job would run it: nothing stored is lost because an export was empty, short or incomplete.</summary>
public class ImportSafetyTests
{
    private static readonly LocalDate Today = new(2026, 11, 23);

    private static readonly Dictionary<string, string> Env = new() { ["CpAlerts__Tables__ConnectionString"] = Azurite.ConnectionString };

    private static string Folder() => Path.Combine(Path.GetTempPath(), "cpalerts-import-" + Guid.NewGuid().ToString("N")[..8]);

    private static (string Folder, RecordExport Export) Written(RecordExport export)
    {
        var folder = Folder();
        ExportWriter.Write(export, folder);
        return (folder, export);
    }

    private static RecordExport Only(RecordExport export, int children)
    {
        var keep = export.Children.Take(children).Select(c => c.ChildId).ToHashSet(StringComparer.Ordinal);
        return export with
        {
            Children = [.. export.Children.Where(c => keep.Contains(c.ChildId))],
            HealthAssessments = [.. export.HealthAssessments.Where(h => keep.Contains(h.ChildId))],
            DentalChecks = [.. export.DentalChecks.Where(d => keep.Contains(d.ChildId))],
            Reviews = [.. export.Reviews.Where(r => keep.Contains(r.ChildId))],
            MissingEpisodes = [.. export.MissingEpisodes.Where(m => keep.Contains(m.ChildId))],
        };
    }

    private static (int Exit, string Stderr) Import(string folder, string council, params string[] flags)
    {
        var (exit, _, stderr) = CpAlertsProcess.Run(Env, ["import", "--data", folder, "--council", council, .. flags]);
        return (exit, stderr);
    }

    private static async Task<(int Children, int DentalChecks, int Staff)> StoredAsync(string council)
    {
        var caseload = await new CaseloadStore(await Azurite.StorageAsync()).ReadCaseloadAsync(council);
        return (caseload.Children.Length, caseload.Children.Sum(c => c.DentalChecks.Length), caseload.Staff.Length);
    }

    private static async Task<(string Council, RecordExport Export, (int, int, int) Stored)> ImportedCouncilAsync(int children = 60)
    {
        var council = Azurite.NewCouncil();
        var (folder, export) = Written(new SyntheticCaseload(children, 4, Today).Generate());
        var (exit, stderr) = Import(folder, council);
        Assert.True(exit == 0, stderr);
        Directory.Delete(folder, recursive: true);
        return (council, export, await StoredAsync(council));
    }

    [Fact]
    public async Task An_export_of_headers_only_deletes_nothing()
    {
        var (council, export, before) = await ImportedCouncilAsync();
        var (folder, _) = Written(Only(export, 0) with { Staff = [] });

        var (exit, stderr) = Import(folder, council);

        Assert.Equal(1, exit);
        Assert.Contains("note: children.csv is present with no rows (header only)", stderr, StringComparison.Ordinal);
        Assert.Contains("nothing removed: this export would remove 60 of 60 children", stderr, StringComparison.Ordinal);
        Assert.Contains("--allow-large-removal", stderr, StringComparison.Ordinal);
        Assert.Equal(before, await StoredAsync(council));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task An_export_missing_a_file_deletes_nothing()
    {
        var (council, export, before) = await ImportedCouncilAsync();
        var (folder, _) = Written(export);
        File.Delete(Path.Combine(folder, ExportFiles.DentalChecks));

        var (exit, stderr) = Import(folder, council, "--allow-large-removal");

        Assert.Equal(1, exit);
        Assert.Contains("error: dental_checks.csv is missing from the export", stderr, StringComparison.Ordinal);
        Assert.True(before.Item2 > 0);
        Assert.Equal(before, await StoredAsync(council)); // every dental check still there
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Half_the_children_is_held_back_shown_by_a_dry_run_and_removed_only_when_the_operator_says_so()
    {
        var (council, export, before) = await ImportedCouncilAsync();
        var half = Only(export, 30);
        var renamed = half with { Children = [half.Children[0] with { PlacementArea = "Elsewhere" }, .. half.Children.Skip(1)] };
        var (folder, _) = Written(renamed);

        var (dry, dryErr) = Import(folder, council, "--dry-run", "--allow-large-removal");
        Assert.Equal(0, dry);
        Assert.Contains("dry run, nothing written", dryErr, StringComparison.Ordinal);
        Assert.Contains("would change 1 children", dryErr, StringComparison.Ordinal);
        Assert.Contains("would remove 30 children", dryErr, StringComparison.Ordinal);
        Assert.Equal(before, await StoredAsync(council));
        var stored = await new CaseloadStore(await Azurite.StorageAsync()).ReadChildAsync(council, half.Children[0].ChildId);
        Assert.NotEqual("Elsewhere", stored!.PlacementArea); // nothing written

        var (held, heldErr) = Import(folder, council);
        Assert.Equal(1, held);
        Assert.Contains("nothing removed: this export would remove 30 of 60 children (50%, more than 10%)", heldErr, StringComparison.Ordinal);
        Assert.Equal(before.Item1, (await StoredAsync(council)).Children); // the good rows are written; nothing removed

        var (allowed, allowedErr) = Import(folder, council, "--allow-large-removal");
        Assert.True(allowed == 0, allowedErr);
        Assert.Equal(30, (await StoredAsync(council)).Children);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_value_over_the_storage_limits_is_rejected_at_its_row_and_every_good_row_is_written()
    {
        var council = Azurite.NewCouncil();
        var (folder, _) = Written(new SyntheticCaseload(40, 4, Today).Generate());
        var children = Path.Combine(folder, ExportFiles.Children);
        var lines = File.ReadAllLines(children).ToList();
        lines.Insert(2, lines[1].Replace(lines[1].Split(',')[0] + ",", new string('X', 1_000) + ",", StringComparison.Ordinal));
        File.WriteAllLines(children, lines);

        var (exit, stderr) = Import(folder, council);

        Assert.Equal(1, exit);
        Assert.Contains("children.csv:3 [child_id]: longer than 64 characters", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("ConnectionString", stderr, StringComparison.Ordinal);
        Assert.Equal(40, (await StoredAsync(council)).Children);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Council_codes_ignore_case_and_a_council_can_be_removed()
    {
        var code = "rm" + Guid.NewGuid().ToString("N")[..8];
        var (folder, _) = Written(new SyntheticCaseload(20, 4, Today).Generate());
        Assert.Equal(0, Import(folder, code).Exit);
        Assert.Equal(0, Import(folder, code.ToUpperInvariant()).Exit);
        var (_, listed, _) = CpAlertsProcess.Run(Env, "councils", "list");
        Assert.Single(listed.Split('\n'), l => l.Trim().Equals(code, StringComparison.OrdinalIgnoreCase));

        // Someone said an item is in hand with an "other" reason: free text that goes with the council (issue 28).
        var acknowledgements = new AcknowledgementStore(await Azurite.StorageAsync());
        await acknowledgements.RecordAsync(code.ToUpperInvariant(), new Domain.Acknowledgements.Acknowledgement("DENTAL_CHECK|C1|2026-01-01", Domain.Rules.RuleId.DentalCheck, "C1", "C1",
            Domain.Escalation.EscalationLevel.Overdue, Domain.Acknowledgements.AcknowledgementReason.Other, "dentist booked", Today.PlusDays(3), "S1", NodaTime.SystemClock.Instance.GetCurrentInstant()));
        Assert.NotEmpty(await acknowledgements.ReadHistoryAsync(code.ToUpperInvariant()));

        var (unconfirmed, _, warning) = CpAlertsProcess.Run(Env, "councils", "remove", code);
        Assert.Equal(1, unconfirmed);
        Assert.Contains("run again with --yes", warning, StringComparison.Ordinal);
        Assert.Equal(20, (await StoredAsync(code.ToUpperInvariant())).Children);

        var (removed, _, said) = CpAlertsProcess.Run(Env, "councils", "remove", code, "--yes");
        Assert.True(removed == 0, said);
        Assert.Equal((0, 0, 0), await StoredAsync(code.ToUpperInvariant()));
        Assert.Empty(await acknowledgements.ReadHistoryAsync(code.ToUpperInvariant())); // the audit too
        Assert.Empty(await acknowledgements.ReadCurrentAsync(code.ToUpperInvariant()));
        var (_, after, _) = CpAlertsProcess.Run(Env, "councils", "list");
        Assert.DoesNotContain(code.ToUpperInvariant(), after, StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void A_scorecard_over_an_export_with_an_impossible_date_reports_it_instead_of_crashing()
    {
        var (folder, _) = Written(new SyntheticCaseload(30, 4, Today).Generate());
        File.AppendAllText(Path.Combine(folder, ExportFiles.Children), "CX1,A,B,2015-01-01,CARE_ORDER,false,North,GIVEN,9999-12-31,,\n");

        var (exit, stdout, stderr) = CpAlertsProcess.Run(Env, "scorecard", "--data", folder, "--as-of", "2026-11-23", "--format", "csv");

        Assert.Equal(1, exit);
        Assert.Contains("1 row(s) rejected", stderr, StringComparison.Ordinal);
        Assert.StartsWith("schema_version,council,group", stdout, StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }
}
