using System.Net;
using System.Text.RegularExpressions;
using CpAlerts.Application.Configuration;
using CpAlerts.Domain.Acknowledgements;
using NodaTime;
using NodaTime.Text;

namespace CpAlerts.Testing.LocalRun;

/// <summary>
/// A member of staff using the team view, as the demo plays them: signed in through development sign-in, then the
/// same GET and POST a browser makes. Straight to the handler: behind the Functions host these requests reach it
/// unchanged at the same path (docs/architecture.md, "The team view behind the Functions host").
/// </summary>
public sealed partial class TeamViewVisit : IDisposable
{
    private readonly HttpClient _http;

    private TeamViewVisit(HttpClient http) => _http = http;

    public static async Task<TeamViewVisit> SignInAsync(Uri handler, string email, CancellationToken cancellationToken)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = handler };
        using var response = await http.PostAsync("/dev/sign-in", new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = email }), cancellationToken);
        response.EnsureSuccessStatusCode();
        return new TeamViewVisit(http);
    }

    /// <summary>Opens the item's "Say this is in hand" page and saves the form; the status the page answered with.</summary>
    public async Task<HttpStatusCode> AcknowledgeAsync(string council, string childId, string findingKey, AcknowledgementReason reason, LocalDate until, CancellationToken cancellationToken)
    {
        var form = await _http.GetStringAsync(TeamViewRoutes.AcknowledgeOf(council, childId, findingKey), cancellationToken);
        var token = Token().Match(form) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : "";
        using var response = await _http.PostAsync(TeamViewRoutes.Acknowledge, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["council"] = council, ["child"] = childId, ["finding"] = findingKey, ["token"] = token,
            ["reason"] = reason.Code(), ["until"] = LocalDatePattern.Iso.Format(until),
        }), cancellationToken);
        return response.StatusCode;
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"token\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
