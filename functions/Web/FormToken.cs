using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace CpAlerts.Functions.Web;

/// <summary>
/// The anti-forgery token every form carries: the signed-in member of staff and council, protected by ASP.NET Core
/// Data Protection with an expiry. Another site cannot read it, so it cannot make a signed-in browser post a change.
/// No cookie: with enableForwardingHttpRequest the Functions host forwards through one shared HttpClient, which keeps
/// cookies the handler sets and could replay them for other users (azure-functions-host, DefaultHttpWorkerService:
/// `new HttpClient()`), so the token travels in the form only and is checked against the signed-in user.
/// The provider is made on first use, so the key ring is read from Table Storage only when a form needs it.
/// </summary>
public sealed class FormToken(Func<IDataProtectionProvider> provider)
{
    /// <summary>How long a page's forms can be submitted: a working day.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(10);

    public const string Field = "token";

    private readonly Lazy<ITimeLimitedDataProtector> _protector = new(() => provider().CreateProtector("CpAlerts.Web.FormToken.v1").ToTimeLimitedDataProtector());

    public string Issue(string council, string staffId) => _protector.Value.Protect(Subject(council, staffId), Lifetime);

    /// <summary>True only for an unexpired token issued to this member of staff in this council.</summary>
    public bool IsValid(string? token, string council, string staffId)
    {
        if (string.IsNullOrEmpty(token))
        {
            return false;
        }

        try
        {
            return _protector.Value.Unprotect(token, out _) == Subject(council, staffId);
        }
        catch (CryptographicException)
        {
            return false; // forged, altered, expired, or protected with a key this app does not have
        }
    }

    private static string Subject(string council, string staffId) => $"{council}\u001f{staffId}";
}
