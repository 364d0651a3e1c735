using CpAlerts.Adapters.Storage;
using CpAlerts.Application.Configuration;
using CpAlerts.Application.Sweep;
using Microsoft.Playwright;
using NodaTime;

namespace CpAlerts.Integration.Tests;

/// <summary>What every team view browser test does to reach the page as staff do: the morning's sweep, the handler, Chromium, sign-in.</summary>
internal static class TeamViewSite
{
    /// <summary>The handler's setting for development sign-in (the cookie set by /dev/sign-in).</summary>
    public static KeyValuePair<string, string> DevelopmentSignIn { get; } = new(WebSettings.SignInSetting.Replace(":", "__", StringComparison.Ordinal), "development");

    /// <summary>This morning's daily sweep, as the timer runs it: it writes the open items the team view lists.</summary>
    public static Task SweepThisMorningAsync(TableStorage storage, string council) =>
        new CouncilSweep(new CaseloadStore(storage), new FindingStateStore(storage), SweepSettings.Default(HandlerProcess.Fallback), new AcknowledgementStore(storage),
            openItems: new OpenItemsTable(storage)).RunDailyAsync(council, SystemClock.Instance.GetCurrentInstant(), "browser-test-sweep");

    /// <summary>Debian's Chromium (CPALERTS_CHROMIUM, else /usr/bin/chromium), headless.</summary>
    public static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new() { ExecutablePath = Environment.GetEnvironmentVariable("CPALERTS_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium", Args = ["--no-sandbox"] });

    /// <summary>A new browser context at this width, signed in through the development sign-in page as <paramref name="email"/>.</summary>
    public static async Task<IPage> SignInAsync(IBrowser browser, string baseUrl, string email, int width)
    {
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{baseUrl}/dev/sign-in");
        await page.FillAsync("#email", email);
        await page.ClickAsync("button[type=submit]");
        await page.GetByRole(AriaRole.Status).WaitForAsync();
        return page;
    }
}
