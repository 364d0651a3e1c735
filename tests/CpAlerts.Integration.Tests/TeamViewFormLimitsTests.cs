using System.Net;
using System.Text;
using CpAlerts.Application.Configuration;

namespace CpAlerts.Integration.Tests;

/// <summary>
/// The team view's forms are read within explicit limits and only after sign-in is checked: oversized or malformed
/// bodies get the usual error page with 400 or 413, never a 500 with an empty body (issue 28).
/// </summary>
public class TeamViewFormLimitsTests
{
    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(HandlerProcess handler, HttpContent content, bool signedIn)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/acknowledge?council=DEMO") { Content = content };
        if (signedIn)
        {
            request.Headers.Add("Cookie", "cpalerts-dev-user=sam.worker@council.example");
        }

        using var response = await handler.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static FormUrlEncodedContent Fields(IEnumerable<KeyValuePair<string, string>> fields) => new(fields);

    [Fact]
    public async Task Oversized_many_field_and_malformed_forms_get_the_error_page_and_nobody_signed_in_gets_sign_in_first()
    {
        await using var handler = await HandlerProcess.StartAsync(new Dictionary<string, string> { [WebSettings.SignInSetting.Replace(":", "__", StringComparison.Ordinal)] = "development" });
        var huge = Fields([new("other", new string('x', 5 * 1024 * 1024))]);

        var (anonymous, signInPage) = await PostAsync(handler, huge, signedIn: false);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous); // refused before its body is read
        Assert.Contains("Sign in first", signInPage, StringComparison.Ordinal);

        var (tooLarge, page) = await PostAsync(handler, Fields([new("other", new string('x', 5 * 1024 * 1024))]), signedIn: true);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge);
        Assert.Contains("This form is too large", page, StringComparison.Ordinal);

        var (tooMany, _) = await PostAsync(handler, Fields(Enumerable.Range(0, 2000).Select(i => new KeyValuePair<string, string>($"f{i}", "1"))), signedIn: true);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooMany);

        var malformed = new StringContent("--no-boundary\r\n\r\n", Encoding.UTF8);
        malformed.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("multipart/form-data");
        var (unreadable, unreadablePage) = await PostAsync(handler, malformed, signedIn: true);
        Assert.Equal(HttpStatusCode.BadRequest, unreadable);
        Assert.Contains("This form could not be read", unreadablePage, StringComparison.Ordinal);
    }
}
