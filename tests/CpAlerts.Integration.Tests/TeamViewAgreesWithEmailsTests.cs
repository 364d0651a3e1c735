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
        bool thisWeekSeen = false, alsoOpenSeen = false;
        foreach (var member in export.Staff.Where(s => TeamScope.HasTeamView(s.Role) && s.Email is not null))
        {
            var parts = await ItemsShownAsync(handler, council, member.Email!);
            var shown = parts.Keys.ToHashSet(StringComparer.Ordinal);
            var digested = weekly.Digests.Where(d => d.Recipient.StaffId == member.StaffId).SelectMany(d => d.Items).Select(i => i.FindingKey).ToHashSet();
            var escalated = daily.Escalations.Where(m => m.Recipient.StaffId == member.StaffId).SelectMany(m => m.Items).Select(i => i.FindingKey).ToHashSet();
            // Whatever an email told them about is on their page.
            Assert.True(escalated.IsSubsetOf(shown), $"{member.StaffId} ({member.Role}): emailed but not in the team view: {string.Join(", ", escalated.Except(shown))}");
            Assert.True(digested.IsSubsetOf(shown), $"{member.StaffId}: in the digest but not in the team view: {string.Join(", ", digested.Except(shown))}");
            if (member.Role == Domain.Records.StaffRole.SocialWorker)
            {
                // A social worker's digest lists every open item of their children: item for item the same list, each under
                // the same one of the digest's two headings ("This week: …" or "Also open, …").
                Assert.Equal(digested.Order(StringComparer.Ordinal), shown.Order(StringComparer.Ordinal));
                var today = LondonTime.DateOf(now);
                foreach (var item in weekly.Digests.Where(d => d.Recipient.StaffId == member.StaffId).SelectMany(d => d.Items))
                {
                    var thisWeek = Domain.Notifications.NotificationPolicy.IsThisWeek(item.Level != Domain.Escalation.EscalationLevel.DueSoon, item.DaysOverdue, item.DueDate, today);
                    Assert.True(parts[item.FindingKey] == thisWeek, $"{member.StaffId}: {item.FindingKey} is under '{(thisWeek ? "This week" : "Also open")}' in the digest, not in the team view");
                }

                thisWeekSeen |= parts.Values.Any(p => p);
                alsoOpenSeen |= parts.Values.Any(p => !p);
            }

            checkedStaff++;
        }

        Assert.True(checkedStaff > 20, $"the demo council has social workers, team managers and heads of service ({checkedStaff} checked)");
        Assert.True(thisWeekSeen && alsoOpenSeen, "both of the digest's parts were compared");
        // A head of service sees every open item of the council: as many as the sweep found.
        var head = export.Staff.First(s => s.Role == Domain.Records.StaffRole.HeadOfService && s.Email is not null);
        Assert.Equal(daily.FindingsByRuleAndLevel.Values.Sum(), (await ItemsShownAsync(handler, council, head.Email!)).Count);
    }

    /// <summary>
    /// The finding keys on every page of the member of staff's team view (each item links to its in-hand form by key),
    /// each with whether it is listed under the digest's "This week" heading.
    /// </summary>
    private static async Task<Dictionary<string, bool>> ItemsShownAsync(HandlerProcess handler, string council, string email)
    {
        var keys = new Dictionary<string, bool>(StringComparer.Ordinal);
        for (var page = 1; ; page++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"api/team?council={council}&page={page}");
            request.Headers.Add("Cookie", $"cpalerts-dev-user={email}");
            using var response = await handler.Client.SendAsync(request);
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{email}: {response.StatusCode}");
            bool? thisWeek = null;
            foreach (Match m in PartOrFindingLink().Matches(html))
            {
                if (m.Groups["part"].Success)
                {
                    thisWeek = m.Groups["part"].Value.StartsWith("This week", StringComparison.Ordinal);
                    continue;
                }

                Assert.True(thisWeek is not null, $"{email}: an item before either of the digest's headings");
                keys[Uri.UnescapeDataString(WebUtility.HtmlDecode(m.Groups["key"].Value))] = thisWeek.Value;
            }

            if (PageOf().Match(html) is not { Success: true } p || p.Groups[1].Value == p.Groups[2].Value)
            {
                return keys;
            }
        }
    }

    [GeneratedRegex("""<h3 class="part">(?<part>[^<]+)</h3>|href="/api/acknowledge\?[^"]*?finding=(?<key>[^"&]+)""")]
    private static partial Regex PartOrFindingLink();

    [GeneratedRegex(@"Page (\d+) of (\d+)")]
    private static partial Regex PageOf();
}
