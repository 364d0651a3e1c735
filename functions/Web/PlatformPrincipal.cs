using System.Text;
using System.Text.Json;

namespace CpAlerts.Functions.Web;

/// <summary>
/// The signed-in user as App Service authentication tells the app: the X-MS-CLIENT-PRINCIPAL header, Base64-encoded
/// JSON {"auth_typ", "claims": [{"typ", "val"}], "name_typ", "role_typ"} ("Work with user identities in Azure App
/// Service authentication", learn.microsoft.com/azure/app-service/configure-authentication-user-identities: "External
/// requests aren't allowed to set these headers"). Trusted only in <see cref="Configuration.SignInMode.Platform"/>.
/// </summary>
public static class PlatformPrincipal
{
    public const string Header = "X-MS-CLIENT-PRINCIPAL";

    /// <summary>"A human-readable name for the caller set by the identity provider, e.g. Email Address, User Principal Name" (same page).</summary>
    public const string NameHeader = "X-MS-CLIENT-PRINCIPAL-NAME";

    /// <summary>Entra ID's claims that carry a work email address, most specific first.</summary>
    private static readonly string[] EmailClaims =
    [
        "preferred_username", "email", "upn",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn",
    ];

    /// <summary>
    /// The signed-in email address from the principal's claims, else from the name header (the claims may be fewer without the
    /// token store: "For claims mapping to work, you must enable the token store"); null when neither has one.
    /// </summary>
    public static string? Email(string? header, string? name = null) =>
        FromClaims(header) ?? (name is { Length: > 0 } && name.Contains('@') ? name : null);

    private static string? FromClaims(string? header)
    {
        if (string.IsNullOrEmpty(header))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(header)));
            if (!json.RootElement.TryGetProperty("claims", out var claims) || claims.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var values = claims.EnumerateArray()
                .Where(c => c.ValueKind == JsonValueKind.Object && c.TryGetProperty("typ", out var t) && t.ValueKind == JsonValueKind.String && c.TryGetProperty("val", out var v) && v.ValueKind == JsonValueKind.String)
                .Select(c => (Type: c.GetProperty("typ").GetString()!, Value: c.GetProperty("val").GetString()!))
                .ToList();
            return EmailClaims.Select(type => values.FirstOrDefault(c => c.Type == type && c.Value.Contains('@')).Value).FirstOrDefault(v => v is not null);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }
}
