using Azure;
using Azure.Data.Tables;
using CpAlerts.Application.Ports;
using CpAlerts.Domain.Escalation;
using NodaTime;

namespace CpAlerts.Adapters.Storage;

/// <summary>
/// Finding state in the findings table (PartitionKey the child's <see cref="CouncilPartition"/>, RowKey
/// the finding key). Every change is conditional on the ETag read, so when two sweeps race for the same
/// finding exactly one wins.
/// </summary>
public sealed class FindingStateStore(TableStorage storage) : IFindingStateStore
{
    private TableClient Table => storage.Table(TableNames.Findings); // made on first use (cold start)

    /// <summary>Every finding state of the children in one partition.</summary>
    public async Task<Dictionary<string, FindingState>> ReadPartitionAsync(CouncilPartition partition, CancellationToken cancellationToken = default)
    {
        var states = new Dictionary<string, FindingState>(StringComparer.Ordinal);
        await foreach (var e in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition.Key}"), cancellationToken: cancellationToken))
        {
            var state = FromEntity(partition.Council, e);
            states[state.Key] = state;
        }

        return states;
    }

    public async Task<bool> AnyAsync(string council, CancellationToken cancellationToken = default)
    {
        foreach (var partition in CouncilPartition.AllOf(council))
        {
            // One row per partition at most: the first page of a query for the partition key.
            await foreach (var _ in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition.Key}"), maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    public async Task<FindingState?> ReadAsync(string council, string childId, string key, CancellationToken cancellationToken = default)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(CouncilPartition.Of(council, childId).Key, TableKeys.Escape(key), cancellationToken: cancellationToken);
        return response.HasValue ? FromEntity(council, response.Value!) : null;
    }

    /// <summary>
    /// Writes <paramref name="updated"/> only if the stored row is still the one read (its ETag), or is
    /// still absent for a new state. Returns the state with its new ETag, or null when another writer got
    /// there first: re-read and decide again.
    /// </summary>
    public async Task<FindingState?> TryWriteAsync(FindingState updated, CancellationToken cancellationToken = default)
    {
        var entity = ToEntity(updated);
        try
        {
            var response = updated.Version is not { } version
                ? await Table.AddEntityAsync(entity, cancellationToken)
                : await Table.UpdateEntityAsync(entity, new ETag(version), TableUpdateMode.Replace, cancellationToken);
            return updated with { Version = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return null;
        }
    }

    private static TableEntity ToEntity(FindingState s) => new(CouncilPartition.Of(s.Council, s.ChildId).Key, TableKeys.Escape(s.Key))
    {
        ["ChildId"] = s.ChildId,
        ["ClaimedLevel"] = (int?)s.ClaimedLevel,
        ["ClaimedFrom"] = (int?)s.ClaimedFrom,
        ["ClaimedBy"] = s.ClaimedBy,
        ["ClaimedAt"] = s.ClaimedAt?.ToDateTimeOffset(),
        ["Open"] = s.Open,
    };

    private static FindingState FromEntity(string council, TableEntity e) => new(
        council,
        TableKeys.Unescape(e.RowKey),
        e.GetString("ChildId"),
        Level(e.GetInt32("ClaimedLevel")),
        Level(e.GetInt32("ClaimedFrom")),
        e.GetString("ClaimedBy"),
        e.GetDateTimeOffset("ClaimedAt") is { } at ? Instant.FromDateTimeOffset(at) : null,
        e.GetBoolean("Open") ?? true,
        e.ETag.ToString());

    // Rows written before levels were typed hold -1 for "nothing claimed".
    private static EscalationLevel? Level(int? stored) => stored is { } n && Enum.IsDefined((EscalationLevel)n) ? (EscalationLevel)n : null;
}
