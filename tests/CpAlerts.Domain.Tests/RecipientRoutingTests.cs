using CpAlerts.Domain.Escalation;
using CpAlerts.Domain.Recipients;
using CpAlerts.Domain.Records;
using static CpAlerts.Domain.Tests.Records;

namespace CpAlerts.Domain.Tests;

public class RecipientRoutingTests
{
    private const string Fallback = "fallback@council.example";

    private static readonly StaffMember Worker = new("S1", "Worker", "sw@council.example", StaffRole.SocialWorker, "M1", "A");
    private static readonly StaffMember Manager = new("M1", "Manager", "tm@council.example", StaffRole.TeamManager, "H1", "A");
    private static readonly StaffMember Head = new("H1", "Head", "hos@council.example", StaffRole.HeadOfService, null, null);
    private static readonly StaffMember Health1 = new("HT1", "Health", "health@nhs.example", StaffRole.HealthTeam, null, null);
    private static readonly StaffMember Health2 = new("HT2", "Health2", "health2@nhs.example", StaffRole.HealthTeam, null, null);

    private static RecipientRouting Routing(params StaffMember[] staff) => new(new StaffDirectory(staff), Fallback);

    private static Child ChildOf(string? socialWorkerId) => Child("2026-01-01").Child with { SocialWorkerId = socialWorkerId };

    private static string Describe(IEnumerable<Addressee> addressees) =>
        string.Join("; ", addressees.Select(a => $"{a.Audience}:{a.Email}{(a.StandingInFor is { } u ? $" for {u.Audience}" : "")}"));

    [Fact]
    public void Chain_of_management_from_the_social_worker()
    {
        var routed = Routing(Worker, Manager, Head).Route(ChildOf("S1"), [Audience.SocialWorker, Audience.TeamManager, Audience.HeadOfService]);
        Assert.Equal("SocialWorker:sw@council.example; TeamManager:tm@council.example; HeadOfService:hos@council.example", Describe(routed));
    }

    [Fact]
    public void Role_audiences_go_to_everyone_with_the_role()
    {
        var routed = Routing(Worker, Manager, Health1, Health2).Route(ChildOf("S1"), [Audience.HealthTeam]);
        Assert.Equal("HealthTeam:health@nhs.example; HealthTeam:health2@nhs.example", Describe(routed));
    }

    [Theory]
    [InlineData(null, "TeamManager:fallback@council.example for TeamManager")]  // no worker: no manager either
    [InlineData("S404", "TeamManager:fallback@council.example for TeamManager")] // unknown worker id
    public void No_social_worker_means_the_fallback_mailbox(string? workerId, string expected) =>
        Assert.Equal(expected, Describe(Routing(Worker, Manager).Route(ChildOf(workerId), [Audience.TeamManager])));

    [Fact]
    public void Worker_without_email_is_reported_to_the_team_manager()
    {
        var noEmail = Worker with { Email = null };
        var routed = Routing(noEmail, Manager).Route(ChildOf("S1"), [Audience.SocialWorker]);
        var only = Assert.Single(routed);
        Assert.Equal(("tm@council.example", Audience.TeamManager), (only.Email, only.Audience));
        Assert.Equal(new Unresolved(Audience.SocialWorker, "the SocialWorker has no email address"), only.StandingInFor);
    }

    [Fact]
    public void Missing_head_of_service_or_role_goes_to_the_team_manager()
    {
        var routed = Routing(Worker, Manager).Route(ChildOf("S1"), [Audience.HeadOfService, Audience.DentalAdviser]);
        Assert.Equal("TeamManager:tm@council.example for HeadOfService; TeamManager:tm@council.example for DentalAdviser", Describe(routed));
    }

    [Fact]
    public void No_team_manager_and_no_worker_goes_to_the_fallback()
    {
        var routed = Routing().Route(ChildOf(null), [Audience.SocialWorker, Audience.Iro]);
        Assert.All(routed, a => Assert.Equal(Fallback, a.Email));
        Assert.Equal(2, routed.Count);
    }

    [Fact]
    public void A_manager_who_is_also_the_worker_is_one_address()
    {
        var managerWorker = Manager with { StaffId = "S1", ManagerId = "S1" };
        var routing = Routing(managerWorker);
        var routed = routing.Route(ChildOf("S1"), [Audience.SocialWorker, Audience.TeamManager]);
        Assert.Single(routed.Select(a => a.Email).Distinct());
    }

    private static readonly StaffMember Iro1 = new("IRO1", "Reviewer One", "iro1@council.example", StaffRole.Iro, null, null);
    private static readonly StaffMember Iro2 = new("IRO2", "Reviewer Two", "iro2@council.example", StaffRole.Iro, null, null);

    [Theory]
    // the child's iro_id, who is told (need to know: the allocated IRO only)
    [InlineData("IRO2", "Iro:iro2@council.example")]
    [InlineData(null, "Iro:iro1@council.example for Iro; Iro:iro2@council.example for Iro")]   // none allocated: every IRO, and the email says why
    [InlineData("IRO9", "Iro:iro1@council.example for Iro; Iro:iro2@council.example for Iro")] // an id not in the staff records: every IRO too
    [InlineData("S1", "Iro:iro1@council.example for Iro; Iro:iro2@council.example for Iro")]   // not an IRO: never the social worker as IRO
    public void The_iro_audience_goes_to_the_childs_own_iro(string? iroId, string expected)
    {
        var child = ChildOf("S1") with { IroId = iroId };

        var routed = Routing(Worker, Manager, Head, Iro1, Iro2).Route(child, [Audience.Iro]);

        Assert.Equal(expected, Describe(routed));
        Assert.All(routed.Where(a => a.StandingInFor is not null), a => Assert.Contains("every IRO is told", a.StandingInFor!.Reason, StringComparison.Ordinal));
    }

    [Theory]
    // the child's placement_icb, who the health team audience is (the council maps one ICB to its health team's mailbox)
    [InlineData("QYG", "HealthTeam:cheshire.lac@nhs.example")]                        // placed out of area: the host ICB's team
    [InlineData("QWO", "HealthTeam:health@nhs.example")]                              // an ICB with no mailbox set: the council's own team
    [InlineData(null, "HealthTeam:health@nhs.example")]                               // not recorded: the council's own team
    public void A_child_placed_out_of_area_is_the_host_health_teams(string? icb, string expected)
    {
        var routing = new RecipientRouting(new StaffDirectory([Worker, Manager, Health1]), Fallback,
            new Dictionary<string, string> { ["QYG"] = "cheshire.lac@nhs.example" });

        var routed = routing.Route(ChildOf("S1") with { PlacementIcb = icb }, [Audience.HealthTeam, Audience.TeamManager]);

        Assert.Equal($"{expected}; TeamManager:tm@council.example", Describe(routed)); // other audiences are unchanged
        Assert.Equal(icb == "QYG" ? "QYG" : null, routed[0].HealthTeamIcb);
    }
}
