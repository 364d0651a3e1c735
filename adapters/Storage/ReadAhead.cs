using System.Runtime.CompilerServices;
using Azure.Data.Tables;

namespace CpAlerts.Adapters.Storage;

/// <summary>
/// A query that asks for its next page while the caller works through the current one, so the
/// caller's work (turning rows into records, evaluating, claiming) overlaps the storage round trip
/// instead of adding to it. At most two pages are held.
/// </summary>
public static class ReadAhead
{
    public static async IAsyncEnumerable<TableEntity> QueryReadingAheadAsync(this TableClient table, string filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var pages = table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).AsPages().GetAsyncEnumerator(cancellationToken);
        Task<bool>? next = null;
        try
        {
            next = pages.MoveNextAsync().AsTask();
            while (await next)
            {
                var page = pages.Current;
                next = pages.MoveNextAsync().AsTask();
                foreach (var entity in page.Values)
                {
                    yield return entity;
                }
            }
        }
        finally
        {
            // The caller stopped early or failed: let the page in flight finish (its outcome no longer
            // matters) before disposing, since a pageable cannot be disposed mid-request.
            if (next is not null)
            {
                await ((Task)next).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            await pages.DisposeAsync();
        }
    }
}
