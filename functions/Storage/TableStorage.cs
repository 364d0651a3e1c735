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
    public const string ConnectionStringSetting = "CpAlerts:Tables:ConnectionString";
    public const string EndpointSetting = "CpAlerts:Tables:Endpoint";

    /// <summary>Optional prefix for every table name, so environments (or test runs) can share one account.</summary>
    public const string PrefixSetting = "CpAlerts:Tables:Prefix";

    /// <summary>Retries of a failed storage call before the operation fails (default 5, with exponential back-off).</summary>
    public const string MaxRetriesSetting = "CpAlerts:Tables:MaxRetries";

    public TableServiceClient Service { get; } = service;

    public string Prefix { get; } = prefix;

    public static TableStorage FromConfiguration(IConfiguration configuration)
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = configuration[MaxRetriesSetting] is { } retries
            ? (int.TryParse(retries, out var n) && n is >= 0 and <= 20 ? n : throw new InvalidSettingException(MaxRetriesSetting, "a whole number from 0 to 20"))
            : 5;
        var prefix = configuration[PrefixSetting] ?? "";
        if (prefix.Length > 20 || !prefix.All(char.IsAsciiLetterOrDigit) || (prefix.Length > 0 && !char.IsAsciiLetter(prefix[0])))
        {
            throw new InvalidSettingException(PrefixSetting, "up to 20 letters and digits, starting with a letter");
        }

        if (configuration[ConnectionStringSetting] is { Length: > 0 } connectionString)
        {
            return new TableStorage(new TableServiceClient(connectionString, options), prefix);
        }

        if (configuration[EndpointSetting] is { Length: > 0 } endpoint)
        {
            return Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)
                ? new TableStorage(new TableServiceClient(uri, new DefaultAzureCredential(), options), prefix)
                : throw new InvalidSettingException(EndpointSetting, $"'{endpoint}' is not an absolute URI like https://ACCOUNT.table.core.windows.net");
        }

        throw new InvalidSettingException(ConnectionStringSetting,
            "not set. Set it to a connection string (Azurite: see scripts/lib/azurite.sh), or set CpAlerts__Tables__Endpoint to use managed identity");
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
