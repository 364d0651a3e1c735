using Azure;
using Azure.Data.Tables;
using CpAlerts.Application.Ports;
using CpAlerts.Domain.Acknowledgements;
using CpAlerts.Domain.Escalation;
using CpAlerts.Domain.Rules;
using NodaTime;
using NodaTime.Text;

namespace CpAlerts.Adapters.Storage;

/// <summary>
/// The team view's open items (<see cref="IOpenItems"/>): PartitionKey "{council}|{social worker}" ("~" for children
/// with none), RowKey the finding key, so one social worker's page is one partition query and a council's items are
/// one key range ("{council}|" up to "{council}}", as '}' follows '|'). A row "sweep" in partition "{council}" says
/// when the items were written. Values are bounded (ids ≤ 64, names ≤ 200, the "other" reason ≤ 200), far inside a
/// property's 64 KB and an entity's 1 MB (Table Storage's limits).
/// </summary>
public sealed class OpenItemsTable(TableStorage storage) : IOpenItems
{
    private const string Unallocated = "~", SweepRow = "sweep";

    private TableClient Table => storage.Table(TableNames.OpenItems);

    public async Task ReplaceAsync(string council, Instant asOf, IReadOnlyList<OpenItem> items, CancellationToken cancellationToken = default)
    {
        var wanted = items.Select(i => ToEntity(council, i)).DistinctBy(e => (e.PartitionKey, e.RowKey)).ToList();
        var keep = wanted.Select(e => (e.PartitionKey, e.RowKey)).ToHashSet();
        var stale = new List<TableEntity>();
        await foreach (var e in Table.QueryAsync<TableEntity>(CouncilRange(council), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            if (!keep.Contains((e.PartitionKey, e.RowKey)))
            {
                stale.Add(e);
            }
        }

        // An entity-group transaction holds at most 100 actions, all in one partition (Table Storage's limits).
        foreach (var batch in wanted.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e))
            .Concat(stale.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All)))
            .GroupBy(a => a.Entity.PartitionKey).SelectMany(p => p.Chunk(100)))
        {
            await Table.SubmitTransactionAsync(batch, cancellationToken);
        }

        // Written last: "as at" names a sweep whose items are all there.
        await Table.UpsertEntityAsync(new TableEntity(TableKeys.Escape(council), SweepRow) { ["AsOf"] = asOf.ToDateTimeOffset() }, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<OpenItems> ReadAsync(string council, IReadOnlyCollection<string?> socialWorkers, CancellationToken cancellationToken = default)
    {
        // One query per social worker, side by side: a team is a handful of partitions.
        var reads = socialWorkers.Distinct().Select(async worker =>
        {
            var found = new List<OpenItem>();
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionOf(council, worker)}");
            await foreach (var e in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                found.Add(FromEntity(e));
            }

            return found;
        }).ToList();
        var asOf = AsOfAsync(council, cancellationToken);
        return new OpenItems(await asOf, [.. (await Task.WhenAll(reads)).SelectMany(f => f)]);
    }

    public async Task<OpenItems> ReadCouncilAsync(string council, CancellationToken cancellationToken = default)
    {
        var asOf = AsOfAsync(council, cancellationToken);
        var found = new List<OpenItem>();
        await foreach (var e in Table.QueryReadingAheadAsync(CouncilRange(council), cancellationToken))
        {
            found.Add(FromEntity(e));
        }

        return new OpenItems(await asOf, found);
    }

    public async Task<OpenItem?> FindAsync(string council, string? socialWorker, string findingKey, CancellationToken cancellationToken = default)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(PartitionOf(council, socialWorker), TableKeys.Escape(findingKey), cancellationToken: cancellationToken);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    public async Task<bool> SetInHandAsync(string council, string? socialWorker, string findingKey, Acknowledgement? inHand, string? byName, CancellationToken cancellationToken = default)
    {
        var row = new TableEntity(PartitionOf(council, socialWorker), TableKeys.Escape(findingKey));
        SetInHand(row, inHand, byName);
        try
        {
            // A merge with ETag "*" changes a row that is there and never makes one: an item the sweep closed stays closed.
            await Table.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    private async Task<Instant?> AsOfAsync(string council, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(council), SweepRow, cancellationToken: cancellationToken);
        return row.HasValue && row.Value!.GetDateTimeOffset("AsOf") is { } at ? Instant.FromDateTimeOffset(at) : null;
    }

    private static string PartitionOf(string council, string? socialWorker) =>
        $"{TableKeys.Escape(council)}{TableKeys.Separator}{(socialWorker is null ? Unallocated : TableKeys.Escape(socialWorker))}";

    /// <summary>Every partition of the council: "{council}|" up to "{council}}" ('}' follows '|'; '|' in an id is escaped).</summary>
    internal static string CouncilRange(string council) =>
        TableClient.CreateQueryFilter($"PartitionKey ge {TableKeys.Escape(council) + "|"} and PartitionKey lt {TableKeys.Escape(council) + "}"}");

    private static TableEntity ToEntity(string council, OpenItem item)
    {
        var f = item.Finding;
        var e = new TableEntity(PartitionOf(council, item.SocialWorkerId), TableKeys.Escape(f.Key))
        {
            ["Rule"] = f.Rule.Code(),
            ["ChildId"] = f.ChildId,
            ["SubjectId"] = f.SubjectId,
            ["DueDate"] = LocalDatePattern.Iso.Format(f.DueDate),
            ["DueAt"] = f.DueAt?.ToDateTimeOffset(),
            ["Overdue"] = f.Status == FindingStatus.Overdue,
            ["DaysOverdue"] = f.DaysOverdue,
            ["HoursOverdue"] = f.HoursOverdue,
            ["Level"] = (int)f.Level,
            ["SocialWorkerId"] = item.SocialWorkerId,
            ["FirstName"] = item.FirstName,
            ["LastName"] = item.LastName,
        };
        SetInHand(e, item.InHand, item.InHandBy);
        return e;
    }

    /// <summary>The in-hand columns; all empty (written as nulls, so a merge clears them) when nobody has said so.</summary>
    private static void SetInHand(TableEntity e, Acknowledgement? a, string? byName)
    {
        e["InHandReason"] = a?.Reason.Code() ?? "";
        e["InHandOther"] = a?.OtherReason ?? "";
        e["InHandUntil"] = a is null ? "" : LocalDatePattern.Iso.Format(a.Until);
        e["InHandAtLevel"] = a is null ? 0 : (int)a.AtLevel;
        e["InHandByStaffId"] = a?.ByStaffId ?? "";
        e["InHandByName"] = byName ?? "";
        e["InHandRecordedAt"] = a?.RecordedAt.ToDateTimeOffset() ?? DateTimeOffset.UnixEpoch;
    }

    private static OpenItem FromEntity(TableEntity e)
    {
        var rule = RuleIds.TryParse(e.GetString("Rule"), out var r) ? r : throw new InvalidDataException("an open item row has an unknown rule");
        var dueAt = e.GetDateTimeOffset("DueAt");
        var finding = new Finding(rule, e.GetString("ChildId"), e.GetString("SubjectId"), LocalDatePattern.Iso.Parse(e.GetString("DueDate")).Value,
            dueAt is { } at ? Instant.FromDateTimeOffset(at) : null, e.GetBoolean("Overdue") == true ? FindingStatus.Overdue : FindingStatus.DueSoon,
            e.GetInt32("DaysOverdue") ?? 0, (EscalationLevel)(e.GetInt32("Level") ?? 0), [])
        {
            HoursOverdue = e.GetInt32("HoursOverdue"),
        };
        Acknowledgement? inHand = e.GetString("InHandReason") is { Length: > 0 } reason && AcknowledgementReasons.TryParse(reason, out var why)
            ? new Acknowledgement(finding.Key, rule, finding.ChildId, finding.SubjectId, (EscalationLevel)(e.GetInt32("InHandAtLevel") ?? 0), why,
                e.GetString("InHandOther") is { Length: > 0 } other ? other : null, LocalDatePattern.Iso.Parse(e.GetString("InHandUntil")).Value,
                e.GetString("InHandByStaffId"), Instant.FromDateTimeOffset(e.GetDateTimeOffset("InHandRecordedAt")!.Value))
            : null;
        return new OpenItem(finding, e.GetString("SocialWorkerId"), e.GetString("FirstName"), e.GetString("LastName"))
        {
            InHand = inHand,
            InHandBy = e.GetString("InHandByName") is { Length: > 0 } by ? by : null,
        };
    }
}
