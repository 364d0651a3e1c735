using Microsoft.Extensions.Configuration;

namespace CpAlerts.Application.Configuration;

/// <summary>How people sign in to the team view: not at all (off), through App Service authentication, or as a development identity.</summary>
public enum SignInMode
{
    /// <summary>No team view: its pages say it is not switched on.</summary>
    Off,

    /// <summary>App Service built-in authentication (Entra ID) in front of the app; the handler reads its X-MS-CLIENT-PRINCIPAL header.</summary>
    Platform,

    /// <summary>A workstation only: anyone may say who they are on /dev/sign-in (the demo and the browser tests).</summary>
    Development,
}

/// <summary>
/// The team view's settings (`CpAlerts__Web__*`): how people sign in, and the app's public address for the links
/// in emails. Read with the rest of the handler's settings, so a wrong value stops the handler at start-up.
/// </summary>
/// <param name="SignIn">How people sign in.</param>
/// <param name="BaseUrl">The app's public address ("https://cpalerts-xyz.azurewebsites.net"); null: emails have no "in hand" links.</param>
public sealed record WebSettings(SignInMode SignIn, string? BaseUrl)
{
    public const string SignInSetting = "CpAlerts:Web:SignIn";
    public const string BaseUrlSetting = "CpAlerts:Web:BaseUrl";

    /// <summary>
    /// Set to "True" by App Service when its authentication is on (read the same way by Microsoft.Identity.Web's
    /// AppServicesAuthenticationInformation). Without it nothing strips a client's own X-MS-CLIENT-PRINCIPAL header,
    /// and the Functions host forwards every request header to the handler (HttpRequestExtensions.ToHttpRequestMessage).
    /// </summary>
    public const string PlatformAuthEnabled = "WEBSITE_AUTH_ENABLED";

    /// <summary>Set by App Service on every app it runs: development sign-in is refused wherever one is present.</summary>
    public static readonly string[] RunningInAzure = ["WEBSITE_SITE_NAME", "WEBSITE_INSTANCE_ID"];

    public static WebSettings Off { get; } = new(SignInMode.Off, null);

    /// <summary>Why the team view is off although a sign-in was asked for (logged as an error at start-up); null otherwise.</summary>
    public string? Refusal { get; init; }

    public static WebSettings Read(IConfiguration configuration)
    {
        var mode = configuration[SignInSetting] switch
        {
            null or "" or "off" => SignInMode.Off,
            "platform" => SignInMode.Platform,
            "development" => SignInMode.Development,
            var other => throw new InvalidSettingException(SignInSetting, $"'{other}' is not one of platform, development or off"),
        };
        // An unsafe sign-in turns the team view off rather than stopping the handler: the sweeps and alerts must go on.
        string? refusal = null;
        if (mode == SignInMode.Platform && !string.Equals(configuration[PlatformAuthEnabled], "True", StringComparison.OrdinalIgnoreCase))
        {
            refusal = $"{SignInSetting.Replace(":", "__", StringComparison.Ordinal)} is platform, but App Service authentication is not on ({PlatformAuthEnabled} is not True), so the signed-in user header could be forged. Deploy with infra-bicep (it turns authentication on)";
        }

        if (mode == SignInMode.Development && RunningInAzure.FirstOrDefault(name => !string.IsNullOrEmpty(configuration[name])) is { } azure)
        {
            refusal = $"{SignInSetting.Replace(":", "__", StringComparison.Ordinal)} is development, which lets anyone say who they are; it is refused in Azure ({azure} is set). Use platform";
        }

        var baseUrl = configuration[BaseUrlSetting] is { Length: > 0 } text ? text.TrimEnd('/') : null;
        if (baseUrl is not null && !(Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)) && uri.PathAndQuery == "/"))
        {
            throw new InvalidSettingException(BaseUrlSetting, "must be the app's https address without a path, e.g. https://cpalerts-xyz.azurewebsites.net (http only for 127.0.0.1)");
        }

        return new WebSettings(refusal is null ? mode : SignInMode.Off, baseUrl) { Refusal = refusal };
    }

    /// <summary>The page where an item is said to be in hand, or null when no address is configured.</summary>
    public string? AcknowledgeLink(string council, string childId, string findingKey) => BaseUrl is null ? null
        : BaseUrl + TeamViewRoutes.AcknowledgeOf(council, childId, findingKey);

    /// <summary>The team view of a council (everything open for the reader), or null when no address is configured.</summary>
    public string? TeamLink(string council) => BaseUrl is null ? null : BaseUrl + TeamViewRoutes.TeamOf(council);
}
