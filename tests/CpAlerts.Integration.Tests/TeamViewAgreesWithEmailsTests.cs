using System.Net;
using System.Text.RegularExpressions;
using CpAlerts.Adapters.Storage;
using CpAlerts.Application.Configuration;
using CpAlerts.Application.Sweep;
using CpAlerts.Domain.Calendar;
using CpAlerts.Domain.Recipients;
using CpAlerts.Testing.Synthetic;
using NodaTime;

namespace CpAlerts.Integration.Tests;

/// <summary>
/// The team view says what the emails say (issue 31): the demo's council (480 synthetic children, the demo's seed) is
/// imported and swept as the timers would on a Monday morning — the daily sweep, then the weekly digest — and every
/// member of staff with a team view opens every page of it through the handler, signed in as themselves.
/// </summary>
public sealed partial class TeamViewAgreesWithEmailsTests
{
    [Fact]
    public async Task Every_member_of_staff_of_the_demo_council_finds_in_the_team_view_each_item_their_emails_give()
    {
        var now = SystemClock.Instance.GetCurrentInstant();
        var council = Azurite.NewCouncil();
        var storage = await Azurite.StorageAsync();
        var caseload = new CaseloadStore(storage);
        var export = new SyntheticCaseload(480, 1, LondonTime.DateOf(now)).Generate();
        await caseload.ImportAsync(council, export, deleteMissing: true);
        var sweep = new CouncilSweep(caseload, new FindingStateStore(storage), SweepSettings.Default(HandlerProcess.Fallback), new AcknowledgementStore(storage),
            openItems: new OpenItemsTable(storage));
        var daily = await sweep.RunDailyAsync(council, now, "agreement");
        var weekly = await sweep.RunWeeklyAsync(council, now);
        await using var handler = await HandlerProcess.StartAsync(new Dictionary<string, string> { [WebSettings.SignInSetting.Replace(":", "__", StringComparison.Ordinal)] = "development" });

        var checkedStaff = 0;
        foreach (var member in export.Staff.Where(s => TeamScope.HasTeamView(s.Role) && s.Email is not null))
        {
            var shown = await ItemsShownAsync(handler, council, member.Email!);
            var digested = weekly.Digests.Where(d => d.Recipient.StaffId == member.StaffId).SelectMany(d => d.Items).Select(i => i.FindingKey).ToHashSet();
            var escalated = daily.Escalations.Where(m => m.Recipient.StaffId == member.StaffId).SelectMany(m => m.Items).Select(i => i.FindingKey).ToHashSet();
            // Whatever an email told them about is on their page.
            Assert.True(escalated.IsSubsetOf(shown), $"{member.StaffId} ({member.Role}): emailed but not in the team view: {string.Join(", ", escalated.Except(shown))}");
            Assert.True(digested.IsSubsetOf(shown), $"{member.StaffId}: in the digest but not in the team view: {string.Join(", ", digested.Except(shown))}");
            if (member.Role == Domain.Records.StaffRole.SocialWorker)
            {
                // A social worker's digest lists every open item of their children: item for item the same list.
                Assert.Equal(digested.Order(StringComparer.Ordinal), shown.Order(StringComparer.Ordinal));
            }

            checkedStaff++;
        }

        Assert.True(checkedStaff > 20, $"the demo council has social workers, team managers and heads of service ({checkedStaff} checked)");
        // A head of service sees every open item of the council: as many as the sweep found.
        var head = export.Staff.First(s => s.Role == Domain.Records.StaffRole.HeadOfService && s.Email is not null);
        Assert.Equal(daily.FindingsByRuleAndLevel.Values.Sum(), (await ItemsShownAsync(handler, council, head.Email!)).Count);
    }

    /// <summary>The finding keys on every page of the member of staff's team view (each item links to its in-hand form by key).</summary>
    private static async Task<HashSet<string>> ItemsShownAsync(HandlerProcess handler, string council, string email)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var page = 1; ; page++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"api/team?council={council}&page={page}");
            request.Headers.Add("Cookie", $"cpalerts-dev-user={email}");
            using var response = await handler.Client.SendAsync(request);
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{email}: {response.StatusCode}");
            foreach (Match m in FindingLink().Matches(html))
            {
                keys.Add(Uri.UnescapeDataString(WebUtility.HtmlDecode(m.Groups[1].Value)));
            }

            if (PageOf().Match(html) is not { Success: true } p || p.Groups[1].Value == p.Groups[2].Value)
            {
                return keys;
            }
        }
    }

    [GeneratedRegex("""href="/api/acknowledge\?[^"]*?finding=([^"&]+)""")]
    private static partial Regex FindingLink();

    [GeneratedRegex(@"Page (\d+) of (\d+)")]
    private static partial Regex PageOf();
}
