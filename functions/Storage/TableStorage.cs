using Azure.Data.Tables;
using Azure.Identity;
using CpAlerts.Functions.Configuration;
using Microsoft.Extensions.Configuration;

namespace CpAlerts.Functions.Storage;

/// <summary>
/// The Table Storage account: a connection string locally (Azurite), or the table endpoint with the
/// app's managed identity in Azure, so production needs no account keys.
/// </summary>
public sealed class TableStorage(TableServiceClient service)
{
    public const string ConnectionStringSetting = "CpAlerts:Tables:ConnectionString";
    public const string EndpointSetting = "CpAlerts:Tables:Endpoint";

    public TableServiceClient Service { get; } = service;

    public static TableStorage FromConfiguration(IConfiguration configuration)
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 5;
        if (configuration[ConnectionStringSetting] is { Length: > 0 } connectionString)
        {
            return new TableStorage(new TableServiceClient(connectionString, options));
        }

        if (configuration[EndpointSetting] is { Length: > 0 } endpoint)
        {
            return Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)
                ? new TableStorage(new TableServiceClient(uri, new DefaultAzureCredential(), options))
                : throw new InvalidSettingException(EndpointSetting, $"'{endpoint}' is not an absolute URI like https://ACCOUNT.table.core.windows.net");
        }

        throw new InvalidSettingException(ConnectionStringSetting,
            "not set. Set it to a connection string (Azurite: see scripts/lib/azurite.sh), or set CpAlerts__Tables__Endpoint to use managed identity");
    }

    public TableClient Table(string name) => Service.GetTableClient(name);

    /// <summary>Creates the tables that do not exist yet (idempotent, safe at every start).</summary>
    public async Task EnsureTablesAsync(CancellationToken cancellationToken = default)
    {
        foreach (var name in TableNames.All)
        {
            await Service.CreateTableIfNotExistsAsync(name, cancellationToken);
        }
    }
}
