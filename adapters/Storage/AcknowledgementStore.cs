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
/// The acknowledgements table, one partition per council: a "current|{finding}" row per acknowledged finding and an
/// "audit|{time}|{id}" row per change. Both rows of a change are written in one entity-group transaction, so there is
/// never a change without its audit record, nor an audit record of a change that did not happen.
/// </summary>
public sealed class AcknowledgementStore(TableStorage storage) : IAcknowledgementStore
{
    private const string CurrentPrefix = "current|", AuditPrefix = "audit|";

    private TableClient Table => storage.Table(TableNames.Acknowledgements); // made on first use (cold start)

    public async Task<IReadOnlyDictionary<string, Acknowledgement>> ReadCurrentAsync(string council, CancellationToken cancellationToken = default)
    {
        var current = new Dictionary<string, Acknowledgement>(StringComparer.Ordinal);
        await foreach (var e in Range(council, CurrentPrefix, cancellationToken))
        {
            var acknowledgement = FromEntity(e);
            current[acknowledgement.FindingKey] = acknowledgement;
        }

        return current;
    }

    public async Task<Acknowledgement?> ReadAsync(string council, string findingKey, CancellationToken cancellationToken = default)
    {
        var stored = await Table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(council), CurrentPrefix + TableKeys.Escape(findingKey), cancellationToken: cancellationToken);
        return stored.HasValue ? FromEntity(stored.Value!) : null;
    }

    public async Task<Instant?> FirstAcknowledgedAsync(string council, string findingKey, CancellationToken cancellationToken = default)
    {
        // Audit row keys sort by the time recorded and rows come back in row-key order: the first match is the first time.
        var filter = RangeFilter(council, AuditPrefix) + " and " + TableClient.CreateQueryFilter($"FindingKey eq {findingKey} and Withdrawn eq false");
        await foreach (var e in Table.QueryAsync<TableEntity>(filter, select: ["RecordedAt"], cancellationToken: cancellationToken))
        {
            return Instant.FromDateTimeOffset(e.GetDateTimeOffset("RecordedAt")!.Value);
        }

        return null;
    }

    public async Task RecordAsync(string council, Acknowledgement acknowledgement, CancellationToken cancellationToken = default)
    {
        var current = ToEntity(council, CurrentPrefix + TableKeys.Escape(acknowledgement.FindingKey), acknowledgement);
        var audit = Audit(council, acknowledgement, withdrawn: false, acknowledgement.ByStaffId, acknowledgement.RecordedAt);
        await Table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.UpsertReplace, current), new TableTransactionAction(TableTransactionActionType.Add, audit)], cancellationToken);
    }

    public async Task<bool> WithdrawAsync(string council, string findingKey, string byStaffId, Instant at, CancellationToken cancellationToken = default)
    {
        var key = CurrentPrefix + TableKeys.Escape(findingKey);
        var stored = await Table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(council), key, cancellationToken: cancellationToken);
        if (!stored.HasValue)
        {
            return false;
        }

        try
        {
            // Conditional on the row read: a newer acknowledgement recorded meanwhile is not withdrawn by mistake.
            await Table.SubmitTransactionAsync([
                new TableTransactionAction(TableTransactionActionType.Delete, stored.Value!, stored.Value!.ETag),
                new TableTransactionAction(TableTransactionActionType.Add, Audit(council, FromEntity(stored.Value), withdrawn: true, byStaffId, at))], cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    public Task<IReadOnlyList<AcknowledgementAudit>> ReadHistoryAsync(string council, string findingKey, CancellationToken cancellationToken = default) =>
        // The service filters the council's audit rows: one item's page, opened to act on it, not a list.
        HistoryAsync(RangeFilter(council, AuditPrefix) + " and " + TableClient.CreateQueryFilter($"FindingKey eq {findingKey}"), cancellationToken);

    public Task<IReadOnlyList<AcknowledgementAudit>> ReadHistoryAsync(string council, CancellationToken cancellationToken = default) =>
        HistoryAsync(RangeFilter(council, AuditPrefix), cancellationToken);

    private async Task<IReadOnlyList<AcknowledgementAudit>> HistoryAsync(string filter, CancellationToken cancellationToken)
    {
        var history = new List<AcknowledgementAudit>();
        await foreach (var e in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            history.Add(new AcknowledgementAudit(FromEntity(e), e.GetBoolean("Withdrawn") ?? false, e.GetString("By"), Instant.FromDateTimeOffset(e.GetDateTimeOffset("At")!.Value)));
        }

        return history;
    }

    private AsyncPageable<TableEntity> Range(string council, string prefix, CancellationToken cancellationToken) =>
        Table.QueryAsync<TableEntity>(RangeFilter(council, prefix), cancellationToken: cancellationToken);

    // "|" + 1 is "}": every row key starting with the prefix sorts between the two.
    private static string RangeFilter(string council, string prefix) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Escape(council)} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + "}"}");

    private static TableEntity Audit(string council, Acknowledgement acknowledgement, bool withdrawn, string byStaffId, Instant at)
    {
        // Sortable by time; the id keeps two changes in the same tick apart.
        var entity = ToEntity(council, $"{AuditPrefix}{at.ToUnixTimeTicks():D19}|{Guid.NewGuid():N}", acknowledgement);
        entity["Withdrawn"] = withdrawn;
        entity["By"] = byStaffId;
        entity["At"] = at.ToDateTimeOffset();
        return entity;
    }

    private static TableEntity ToEntity(string council, string rowKey, Acknowledgement a) => new(TableKeys.Escape(council), rowKey)
    {
        ["FindingKey"] = a.FindingKey,
        ["Rule"] = a.Rule.Code(),
        ["ChildId"] = a.ChildId,
        ["SubjectId"] = a.SubjectId,
        ["AtLevel"] = (int)a.AtLevel,
        ["Reason"] = a.Reason.Code(),
        ["OtherReason"] = a.OtherReason,
        ["Until"] = LocalDatePattern.Iso.Format(a.Until),
        ["ByStaffId"] = a.ByStaffId,
        ["RecordedAt"] = a.RecordedAt.ToDateTimeOffset(),
    };

    private static Acknowledgement FromEntity(TableEntity e) => new(
        e.GetString("FindingKey"),
        RuleIds.TryParse(e.GetString("Rule"), out var rule) ? rule : throw new InvalidDataException("an acknowledgement row has an unknown rule"),
        e.GetString("ChildId"),
        e.GetString("SubjectId"),
        (EscalationLevel)(e.GetInt32("AtLevel") ?? 0),
        AcknowledgementReasons.TryParse(e.GetString("Reason"), out var reason) ? reason : AcknowledgementReason.Other,
        e.GetString("OtherReason"),
        LocalDatePattern.Iso.Parse(e.GetString("Until")).Value,
        e.GetString("ByStaffId"),
        Instant.FromDateTimeOffset(e.GetDateTimeOffset("RecordedAt")!.Value));
}
