using Azure.Data.Tables;
using Azure.Identity;
using CpAlerts.Functions.Configuration;
using Microsoft.Extensions.Configuration;

namespace CpAlerts.Functions.Storage;

/// <summary>
/// The Table Storage account: a connection string locally (Azurite), or the table endpoint with the
/// app's managed identity in Azure, so production needs no account keys.
/// </summary>
public sealed class TableStorage(TableServiceClient service, string prefix = "")
{
    public TableServiceClient Service { get; } = service;

    public string Prefix { get; } = prefix;

    public static TableStorage FromConfiguration(IConfiguration configuration) => Create(TablesOptions.Read(configuration));

    public static TableStorage Create(TablesOptions options)
    {
        var clientOptions = new TableClientOptions();
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        var service = options.ConnectionString is { } connectionString
            ? new TableServiceClient(connectionString, clientOptions)
            : new TableServiceClient(options.Endpoint, new DefaultAzureCredential(), clientOptions);
        return new TableStorage(service, options.Prefix);
    }

    public TableClient Table(string name) => Service.GetTableClient(Prefix + name);

    /// <summary>Creates the tables that do not exist yet (idempotent, safe at every start).</summary>
    public async Task EnsureTablesAsync(CancellationToken cancellationToken = default)
    {
        foreach (var name in TableNames.All)
        {
            await Service.CreateTableIfNotExistsAsync(Prefix + name, cancellationToken);
        }
    }
}
