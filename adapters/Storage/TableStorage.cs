using System.Collections.Concurrent;
using Azure.Data.Tables;
using Azure.Identity;
using CpAlerts.Application.Configuration;
using Microsoft.Extensions.Configuration;

namespace CpAlerts.Adapters.Storage;

/// <summary>
/// The Table Storage account: a connection string locally (Azurite), or the table endpoint with the
/// app's managed identity in Azure, so production needs no account keys. The service client and each
/// table's client are made on first use, so the handler answers its first invocation before any of them.
/// </summary>
public sealed class TableStorage(Func<TableServiceClient> service, string prefix = "")
{
    private readonly Lazy<TableServiceClient> _service = new(service);
    private readonly ConcurrentDictionary<string, TableClient> _tables = new(StringComparer.Ordinal);

    public TableStorage(TableServiceClient service, string prefix = "")
        : this(() => service, prefix)
    {
    }

    public TableServiceClient Service => _service.Value;

    public string Prefix { get; } = prefix;

    public static TableStorage FromConfiguration(IConfiguration configuration) => Create(TablesOptions.Read(configuration));

    public static TableStorage Create(TablesOptions options)
    {
        var clientOptions = new TableClientOptions();
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        if (options.ConnectionString is not { } connectionString)
        {
            return new TableStorage(() => new TableServiceClient(options.Endpoint, new DefaultAzureCredential(), clientOptions), options.Prefix);
        }

        try
        {
            return new TableStorage(new TableServiceClient(connectionString, clientOptions), options.Prefix);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException)
        {
            // The client's own message can quote the string, and with it the account key: the type only.
            throw new InvalidSettingException(TablesOptions.ConnectionStringSetting, $"not a valid Table Storage connection string ({e.GetType().Name}). Copy it from the storage account's Access keys, or use Azurite's (scripts/lib/azurite.sh)");
        }
    }

    public TableClient Table(string name) => _tables.GetOrAdd(name, n => Service.GetTableClient(Prefix + n));

    /// <summary>Creates the tables that do not exist yet (idempotent, safe at every start).</summary>
    public async Task EnsureTablesAsync(CancellationToken cancellationToken = default)
    {
        foreach (var name in TableNames.All)
        {
            await Service.CreateTableIfNotExistsAsync(Prefix + name, cancellationToken);
        }
    }
}
