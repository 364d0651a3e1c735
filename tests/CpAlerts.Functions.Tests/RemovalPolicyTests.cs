using System.Collections.Immutable;
using CpAlerts.Application.Import;

namespace CpAlerts.Functions.Tests;

/// <summary>When an import may remove what the export no longer lists.</summary>
public class RemovalPolicyTests
{
    private static readonly ImmutableDictionary<string, int?> AllFiles =
        ExportFiles.RequiredColumns.Keys.ToImmutableDictionary(f => f, _ => (int?)1);

    private static RecordExport Export(ImmutableDictionary<string, int?>? files = null, int rejected = 0) =>
        new([], [], [], [], [], [], [.. Enumerable.Repeat(new RejectedRow("children.csv", 2, "child_id", "missing required value"), rejected)]) { Files = files ?? AllFiles };

    /// <summary>Stored and incoming children and dental checks; the rest as in <paramref name="others"/> (stored = incoming).</summary>
    private static ImportChanges Changes(int storedChildren, int incomingChildren, int storedDental = 10, int incomingDental = 10, int others = 5)
    {
        var changes = new ImportChanges();
        void Kind(RecordKind kind, int stored, int incoming)
        {
            for (var i = 0; i < stored; i++)
            {
                changes.Stored(kind);
            }

            for (var i = 0; i < incoming; i++)
            {
                changes.Incoming(kind);
            }

            for (var i = incoming; i < stored; i++)
            {
                changes.Removed(kind);
            }
        }

        Kind(RecordKind.Child, storedChildren, incomingChildren);
        Kind(RecordKind.DentalCheck, storedDental, incomingDental);
        foreach (var kind in new[] { RecordKind.StaffMember, RecordKind.HealthAssessment, RecordKind.Review, RecordKind.MissingEpisode })
        {
            Kind(kind, others, others);
        }

        return changes;
    }

    [Theory]
    // stored children, incoming, stored dental, incoming dental, allow large, removes?, reason contains
    [InlineData(100, 100, 10, 10, false, true, "")]                        // nothing to remove
    [InlineData(100, 90, 10, 10, false, true, "")]                         // 10%: the limit itself is allowed
    [InlineData(100, 89, 10, 10, false, false, "11 of 100 children (11%, more than 10%)")]
    [InlineData(100, 50, 10, 10, false, false, "50 of 100 children")]      // half the export
    [InlineData(100, 50, 10, 10, true, true, "")]                          // the operator said so
    [InlineData(100, 0, 10, 10, false, false, "100 of 100 children")]      // header-only children.csv
    [InlineData(100, 100, 220, 0, false, false, "all 220 dental checks")]  // every record of a kind
    [InlineData(100, 100, 220, 219, false, true, "")]
    [InlineData(0, 0, 0, 0, false, true, "")]                              // a first import
    public void Large_removals_are_held_back_unless_allowed(int stored, int incoming, int storedDental, int incomingDental, bool allow, bool removes, string reason)
    {
        var decision = RemovalPolicy.Default.Decide(Export(), Changes(stored, incoming, storedDental, incomingDental), allow);

        Assert.Equal(removes, decision.Remove);
        Assert.Contains(reason, decision.Reason, StringComparison.Ordinal);
        if (!removes)
        {
            Assert.Contains("--allow-large-removal", decision.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_missing_file_removes_nothing_even_when_allowed()
    {
        var decision = RemovalPolicy.Default.Decide(Export(AllFiles.SetItem(ExportFiles.DentalChecks, null)), Changes(100, 100, 220, 0), allowLargeRemoval: true);

        Assert.False(decision.Remove);
        Assert.Contains("missing dental_checks.csv", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_with_only_its_header_is_present_and_empty()
    {
        var export = Export(AllFiles.SetItem(ExportFiles.MissingEpisodes, 0));

        Assert.Empty(export.MissingFiles);
        Assert.True(RemovalPolicy.Default.Decide(export, Changes(100, 95), allowLargeRemoval: false).Remove);
    }

    [Fact]
    public void Rejected_rows_remove_nothing_even_when_allowed()
    {
        var decision = RemovalPolicy.Default.Decide(Export(rejected: 2), Changes(100, 99), allowLargeRemoval: true);

        Assert.False(decision.Remove);
        Assert.Contains("2 row(s) were rejected", decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 100, 99, false)]
    [InlineData(50, 100, 50, true)]
    [InlineData(100, 100, 0, false)] // every child: still "all of a kind"
    public void The_threshold_is_a_setting(int percent, int stored, int incoming, bool removes) =>
        Assert.Equal(removes, new RemovalPolicy(percent).Decide(Export(), Changes(stored, incoming), false).Remove);
}
