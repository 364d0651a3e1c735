namespace CpAlerts.Application.Import;

/// <summary>
/// When an import may remove what the export no longer lists. Removal is a decision, not a side effect:
/// only a complete export (every file of DATA-FORMAT.md present, every row valid) removes anything, and
/// not even then when it would take away more than <see cref="MaxRemovedPercent"/>% of the council's
/// children or every record of a kind — a nightly job that exported nothing, or half — unless the
/// operator says so (`--allow-large-removal`).
/// </summary>
public sealed record RemovalPolicy(int MaxRemovedPercent)
{
    public const int DefaultMaxRemovedPercent = 10;

    public static readonly RemovalPolicy Default = new(DefaultMaxRemovedPercent);

    private static readonly (RecordKind Kind, string Words)[] Kinds =
    [
        (RecordKind.Child, "children"), (RecordKind.StaffMember, "staff"), (RecordKind.HealthAssessment, "health assessments"),
        (RecordKind.DentalCheck, "dental checks"), (RecordKind.Review, "reviews"), (RecordKind.MissingEpisode, "missing episodes"),
    ];

    public RemovalDecision Decide(RecordExport export, ImportChanges changes, bool allowLargeRemoval)
    {
        if (changes.TotalRemoved == 0)
        {
            return new RemovalDecision(true, "");
        }

        var incomplete = new List<string>();
        if (export.MissingFiles.Count > 0)
        {
            incomplete.Add($"the export is missing {string.Join(", ", export.MissingFiles)} (a kind with no rows still needs its file, with the header row)");
        }

        if (!export.IsFullyValid)
        {
            incomplete.Add($"{export.Rejected.Length} row(s) were rejected; fix them and import again");
        }

        if (incomplete.Count > 0)
        {
            return new RemovalDecision(false, $"nothing removed: {string.Join("; ", incomplete)}");
        }

        var large = new List<string>();
        var children = changes.StoredCount(RecordKind.Child);
        var removedChildren = changes.RemovedCount(RecordKind.Child);
        if (children > 0 && removedChildren * 100.0 / children > MaxRemovedPercent)
        {
            large.Add($"{removedChildren} of {children} children ({removedChildren * 100.0 / children:0.#}%, more than {MaxRemovedPercent}%)");
        }

        foreach (var (kind, words) in Kinds)
        {
            if (changes.StoredCount(kind) > 0 && changes.IncomingCount(kind) == 0 && !(kind == RecordKind.Child && large.Count > 0))
            {
                large.Add($"all {changes.StoredCount(kind)} {words}");
            }
        }

        if (large.Count > 0 && !allowLargeRemoval)
        {
            return new RemovalDecision(false,
                $"nothing removed: this export would remove {string.Join(" and ", large)}. If that is right, import again with --allow-large-removal");
        }

        return new RemovalDecision(true, "");
    }

    /// <summary>What would go, in words, for a report ("3 children, 12 dental checks").</summary>
    public static string Describe(ImportChanges changes, Func<ImportChanges, RecordKind, int> count) =>
        string.Join(", ", Kinds.Where(k => count(changes, k.Kind) > 0).Select(k => $"{count(changes, k.Kind)} {k.Words}")) is { Length: > 0 } text ? text : "none";
}

/// <summary>Whether to remove, and if not, why (for the report and the exit code).</summary>
public sealed record RemovalDecision(bool Remove, string Reason);
