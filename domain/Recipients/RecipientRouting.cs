using CpAlerts.Domain.Escalation;
using CpAlerts.Domain.Records;

namespace CpAlerts.Domain.Recipients;

/// <summary>
/// Resolves audiences to people: the social worker from the child, the team manager as the worker's
/// manager, the head of service as that manager's manager; role audiences to all staff with the role.
/// An audience nobody can be found for goes to the team manager or, failing that, the fallback mailbox.
/// </summary>
/// <param name="staff">The council's staff records.</param>
/// <param name="fallbackMailbox">The configured mailbox told when nobody else can be.</param>
/// <param name="healthTeamsByIcb">Health team mailboxes by ICB code: a child placed in one of those ICBs is that team's (default: none, the council's health team for everyone).</param>
public sealed class RecipientRouting(StaffDirectory staff, string fallbackMailbox, IReadOnlyDictionary<string, string>? healthTeamsByIcb = null)
{
    /// <summary>The council's staff, which audiences are resolved from.</summary>
    public StaffDirectory Staff { get; } = staff;

    /// <summary>The mailbox told when neither the audience nor the team manager can be reached.</summary>
    public string FallbackMailbox { get; } = fallbackMailbox;

    /// <summary>Everyone to tell for these audiences about this child; each email address at most once per audience.</summary>
    public IReadOnlyList<Addressee> Route(Child child, IEnumerable<Audience> audiences)
    {
        var result = new List<Addressee>();
        foreach (var audience in audiences.Distinct())
        {
            if (audience == Audience.HealthTeam && HealthTeamOf(child) is { } placedIn)
            {
                result.Add(placedIn);
                continue;
            }

            var (people, unresolved) = Resolve(child, audience);
            if (unresolved is null)
            {
                // Every IRO is told only when the child has none allocated, and the email says why.
                var why = audience == Audience.Iro && Staff.Find(child.IroId) is not { Role: StaffRole.Iro }
                    ? new Unresolved(Audience.Iro, child.IroId is null ? "no IRO allocated to the child, so every IRO is told" : "the allocated IRO is not in the staff records, so every IRO is told")
                    : null;
                result.AddRange(people.Select(p => new Addressee(p.Email!, p.StaffId, audience, why)));
                continue;
            }

            result.Add(StandIn(child, unresolved));
        }

        return [.. result.DistinctBy(a => (a.Email.ToUpperInvariant(), a.Audience, a.StandingInFor?.Audience))];
    }

    /// <summary>The people in an audience for a child, or why there are none.</summary>
    public (IReadOnlyList<StaffMember> People, Unresolved? Why) Resolve(Child child, Audience audience)
    {
        switch (audience)
        {
            case Audience.SocialWorker:
                return One(audience, SocialWorkerOf(child), "no social worker allocated");
            case Audience.TeamManager:
                return One(audience, TeamManagerOf(child), SocialWorkerOf(child) is null ? "no social worker allocated, so no team manager either" : "no team manager found for the allocated social worker");
            case Audience.HeadOfService:
                return One(audience, Staff.Find(TeamManagerOf(child)?.ManagerId), "no head of service found above the team manager");
            case Audience.Iro when Staff.Find(child.IroId) is { Role: StaffRole.Iro } iro:
                // Need to know: the child's own IRO, not every IRO.
                return One(audience, iro, "the allocated IRO has no email address");
            default:
                var role = AudienceRoles.RoleOf(audience);
                var withEmail = Staff.WithRole(role).Where(HasEmail).ToList();
                return withEmail.Count > 0
                    ? (withEmail, null)
                    : ([], new Unresolved(audience, $"no {audience} staff with an email address"));
        }
    }

    /// <summary>
    /// The health team of the ICB the child is placed in, when the council has a mailbox for it: a child placed
    /// out of area is assessed by the host area's health team (statutory guidance on promoting the health of
    /// looked-after children), so that team gets the IHA request, not the council's own.
    /// </summary>
    public Addressee? HealthTeamOf(Child child) =>
        child.PlacementIcb is { } icb && healthTeamsByIcb is not null && healthTeamsByIcb.TryGetValue(icb, out var mailbox)
            ? new Addressee(mailbox, null, Audience.HealthTeam) { HealthTeamIcb = icb }
            : null;

    /// <summary>The child's allocated social worker, or null when none is allocated or the id is not in the staff records.</summary>
    public StaffMember? SocialWorkerOf(Child child) => Staff.Find(child.SocialWorkerId);

    /// <summary>The team manager: the manager of the child's social worker, or null when either is missing.</summary>
    public StaffMember? TeamManagerOf(Child child) => Staff.Find(SocialWorkerOf(child)?.ManagerId);

    private Addressee StandIn(Child child, Unresolved why)
    {
        var manager = TeamManagerOf(child);
        return manager is not null && HasEmail(manager) && why.Audience != Audience.TeamManager
            ? new Addressee(manager.Email!, manager.StaffId, Audience.TeamManager, why)
            : new Addressee(FallbackMailbox, null, why.Audience, why);
    }

    private static (IReadOnlyList<StaffMember>, Unresolved?) One(Audience audience, StaffMember? member, string missing) =>
        member switch
        {
            null => ([], new Unresolved(audience, missing)),
            _ when !HasEmail(member) => ([], new Unresolved(audience, $"the {audience} has no email address")),
            _ => ([member], null),
        };

    private static bool HasEmail(StaffMember member) => !string.IsNullOrWhiteSpace(member.Email);
}
