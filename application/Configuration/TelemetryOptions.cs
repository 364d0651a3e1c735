using Microsoft.Extensions.Configuration;

namespace CpAlerts.Application.Configuration;

/// <summary>
/// Where traces and metrics go: the Application Insights connection string the Functions host also uses
/// (`APPLICATIONINSIGHTS_CONNECTION_STRING`; none: nothing is exported), and how to sign in
/// (`APPLICATIONINSIGHTS_AUTHENTICATION_STRING`, the host's own setting: "Authorization=AAD" for the app's
/// identity, "Authorization=AAD;ClientId=…" for a user-assigned one). The resource has local (key)
/// authentication off, so without Entra ID nothing would be accepted. A sign-in setting it cannot use turns
/// telemetry off with <see cref="Problem"/> said, rather than stopping the handler: telemetry never stops the alerts.
/// </summary>
public sealed record TelemetryOptions(string? ConnectionString, bool EntraId, string? ManagedIdentityClientId)
{
    /// <summary>Why telemetry is off although a connection string is set (a sign-in setting it cannot use).</summary>
    public string? Problem { get; init; }

    /// <summary>
    /// The platform offers the app a managed identity: App Service (and so Azure Functions, Flex Consumption included)
    /// sets <see cref="IdentityEndpointSetting"/> to the local token endpoint when the app has an identity (Microsoft
    /// Learn, "Use managed identities for App Service and Azure Functions", REST endpoint reference). It is the variable
    /// ManagedIdentityCredential itself reads there, so it says exactly when that credential can work.
    /// </summary>
    public bool OnAzure { get; init; }

    /// <summary>The operator chose the trace sampler (<see cref="SamplerSetting"/>, read by the Azure Monitor exporter itself).</summary>
    public bool SamplerChosen { get; init; }

    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";
    public const string IdentityEndpointSetting = "IDENTITY_ENDPOINT";
    public const string SamplerSetting = "OTEL_TRACES_SAMPLER";

    /// <summary>How the exporter signs in to Application Insights.</summary>
    public TelemetrySignIn SignIn => !EntraId ? TelemetrySignIn.Key
        : OnAzure ? (ManagedIdentityClientId is null ? TelemetrySignIn.SystemAssignedIdentity : TelemetrySignIn.UserAssignedIdentity)
        : TelemetrySignIn.DeveloperCredentials;

    public static TelemetryOptions None { get; } = new(null, false, null);

    public bool Exported => ConnectionString is not null;

    public static TelemetryOptions Read(IConfiguration configuration)
    {
        var connectionString = configuration[ConnectionStringSetting] is { Length: > 0 } s ? s : null;
        var authentication = configuration[AuthenticationSetting];
        var environment = new TelemetryOptions(connectionString, false, null)
        {
            OnAzure = !string.IsNullOrWhiteSpace(configuration[IdentityEndpointSetting]),
            SamplerChosen = !string.IsNullOrWhiteSpace(configuration[SamplerSetting]),
        };
        if (string.IsNullOrWhiteSpace(authentication))
        {
            return environment;
        }

        // "Authorization=AAD[;ClientId=<guid>]" (Microsoft Learn, "Microsoft Entra authentication for Application Insights", Azure Functions).
        var parts = authentication.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2, StringSplitOptions.TrimEntries))
            .ToDictionary(p => p[0], p => p.Length == 2 ? p[1] : "", StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var kind) || !kind.Equals("AAD", StringComparison.OrdinalIgnoreCase))
        {
            return Off("must be \"Authorization=AAD\" (the app's identity) or \"Authorization=AAD;ClientId=<client id>\" (a user-assigned identity)");
        }

        var clientId = parts.TryGetValue("ClientId", out var id) && id.Length > 0 ? id : null;
        if (clientId is not null && !Guid.TryParse(clientId, out _))
        {
            return Off("ClientId must be the managed identity's client id (a GUID)");
        }

        return environment with { EntraId = true, ManagedIdentityClientId = clientId };
    }

    private static TelemetryOptions Off(string problem) => None with { Problem = $"{AuthenticationSetting} {problem}" };
}

public enum TelemetrySignIn
{
    /// <summary>No Entra ID: the connection string's key only (the Bicep's resource refuses it; a local endpoint takes it).</summary>
    Key,

    /// <summary>In Azure, the app's system-assigned identity ("Authorization=AAD").</summary>
    SystemAssignedIdentity,

    /// <summary>In Azure, the user-assigned identity named by "ClientId=".</summary>
    UserAssignedIdentity,

    /// <summary>Off Azure (`import` on a workstation): DefaultAzureCredential, e.g. `az login`.</summary>
    DeveloperCredentials,
}
