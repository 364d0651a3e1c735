using Microsoft.Extensions.Configuration;

namespace CpAlerts.Application.Configuration;

/// <summary>
/// Where the tables are: a connection string locally (Azurite), or the table endpoint with the app's
/// managed identity in Azure (no keys); an optional prefix for every table name; how often a failed
/// storage call is retried.
/// </summary>
public sealed record TablesOptions(string? ConnectionString, Uri? Endpoint, string Prefix, int MaxRetries)
{
    public const string ConnectionStringSetting = "CpAlerts:Tables:ConnectionString";
    public const string EndpointSetting = "CpAlerts:Tables:Endpoint";

    /// <summary>Optional prefix for every table name, so environments (or test runs) can share one account.</summary>
    public const string PrefixSetting = "CpAlerts:Tables:Prefix";

    /// <summary>Retries of a failed storage call before the operation fails (default 5, with exponential back-off).</summary>
    public const string MaxRetriesSetting = "CpAlerts:Tables:MaxRetries";

    public const int DefaultMaxRetries = 5;

    /// <summary>
    /// The table endpoint's host when it is this machine (Azurite, the local emulator), or null when it is anywhere else:
    /// `demo` replaces a council's records with synthetic children and moves its sweep dates, so it runs only here.
    /// </summary>
    public string? LocalEmulatorHost()
    {
        Uri? endpoint = Endpoint;
        if (ConnectionString is { } text)
        {
            var parts = text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).GroupBy(p => p[0], StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.OrdinalIgnoreCase);
            var development = parts.TryGetValue("UseDevelopmentStorage", out var dev) && dev.Equals("true", StringComparison.OrdinalIgnoreCase);
            // The emulator's shortcut goes to 127.0.0.1 unless a proxy sends it elsewhere (DevelopmentStorageProxyUri).
            var address = development ? parts.GetValueOrDefault("DevelopmentStorageProxyUri") ?? "http://127.0.0.1:10002" : parts.GetValueOrDefault("TableEndpoint");
            endpoint = address is not null && Uri.TryCreate(address, UriKind.Absolute, out var uri) ? uri : null;
        }

        return endpoint is { } e && (e.IsLoopback || (System.Net.IPAddress.TryParse(e.Host, out var ip) && System.Net.IPAddress.IsLoopback(ip))) ? e.Host : null;
    }

    public static TablesOptions Read(IConfiguration configuration)
    {
        var retries = SettingNumbers.Whole(configuration, MaxRetriesSetting, DefaultMaxRetries, 0, 20, "a whole number from 0 to 20");
        var prefix = configuration[PrefixSetting] ?? "";
        if (prefix.Length > 20 || !prefix.All(char.IsAsciiLetterOrDigit) || (prefix.Length > 0 && !char.IsAsciiLetter(prefix[0])))
        {
            throw new InvalidSettingException(PrefixSetting, "up to 20 letters and digits, starting with a letter");
        }

        if (configuration[ConnectionStringSetting] is { Length: > 0 } connectionString)
        {
            return new TablesOptions(connectionString, null, prefix, retries);
        }

        if (configuration[EndpointSetting] is { Length: > 0 } endpoint)
        {
            return Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)
                ? new TablesOptions(null, uri, prefix, retries)
                : throw new InvalidSettingException(EndpointSetting, $"'{endpoint}' is not an absolute URI like https://ACCOUNT.table.core.windows.net");
        }

        throw new InvalidSettingException(ConnectionStringSetting,
            "not set. Set it to a connection string (Azurite: see scripts/lib/azurite.sh), or set CpAlerts__Tables__Endpoint to use managed identity");
    }
}
