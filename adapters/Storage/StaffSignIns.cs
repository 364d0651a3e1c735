using Azure;
using Azure.Data.Tables;
using CpAlerts.Domain.Records;

namespace CpAlerts.Adapters.Storage;

/// <summary>
/// Which councils' staff records hold an email address: PartitionKey the address in lower case, RowKey the council,
/// kept by every import from the council's stored staff. Signing in to the team view is then one partition query
/// and a point read per council, whatever the size of any council, instead of reading every council's staff.
/// </summary>
/// <remarks>
/// An entry is only a pointer: the staff record it points to is read and its email compared, so an entry left behind
/// (a changed address, a removed member of staff) can never sign anyone in. A council imported before this table
/// existed has no entries until its next import; its councils row says so (<see cref="IndexedColumn"/>) and its staff
/// are searched as before.
/// </remarks>
public sealed class StaffSignIns(TableStorage storage)
{
    /// <summary>On the councils row: true once an import has written the council's entries.</summary>
    public const string IndexedColumn = "StaffEmailsIndexed";

    private TableClient Table => storage.Table(TableNames.StaffEmails);

    private static string KeyOf(string email) => TableKeys.Escape(email.Trim().ToLowerInvariant());

    /// <summary>Makes the council's entries match its stored staff: one per member with an email address.</summary>
    public async Task RebuildAsync(string council, IReadOnlyList<StaffMember> staff, CancellationToken cancellationToken = default)
    {
        var wanted = staff.Where(s => s.Email is { Length: > 0 })
            .Select(s => new TableEntity(KeyOf(s.Email!), TableKeys.Escape(council)) { ["StaffId"] = s.StaffId })
            .DistinctBy(e => e.PartitionKey).ToList();
        var keep = wanted.Select(e => e.PartitionKey).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in wanted)
        {
            await Table.UpsertEntityAsync(entry, TableUpdateMode.Replace, cancellationToken);
        }

        // The council is the row key, so finding its entries is a scan: an import's work, once a night, never a page's.
        var filter = TableClient.CreateQueryFilter($"RowKey eq {TableKeys.Escape(council)}");
        await foreach (var e in Table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            if (!keep.Contains(e.PartitionKey))
            {
                await Table.DeleteEntityAsync(e.PartitionKey, e.RowKey, ETag.All, cancellationToken);
            }
        }
    }

    /// <summary>The councils and staff ids whose entries name this address (to be checked against the staff records).</summary>
    public async Task<IReadOnlyList<(string Council, string StaffId)>> FindAsync(string email, CancellationToken cancellationToken = default)
    {
        var found = new List<(string, string)>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {KeyOf(email)}");
        try
        {
            await foreach (var e in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                found.Add((TableKeys.Unescape(e.RowKey), e.GetString("StaffId")));
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No table yet (nothing imported where tables are not made by the deployment): nobody to sign in.
        }

        return found;
    }
}
