using CpAlerts.Application.Configuration;
using CpAlerts.Application.Ports;
using CpAlerts.Domain.Recipients;
using CpAlerts.Domain.Records;

namespace CpAlerts.Functions.Web;

/// <summary>Who is asking, in which council, and whose children they are responsible for.</summary>
/// <param name="Council">The council whose records they are looking at.</param>
/// <param name="Me">Their staff record there.</param>
/// <param name="Scope">Whose children they see and may say are in hand.</param>
/// <param name="Staff">The staff their page can show: themselves, and their team or (a head of service) the council's staff.</param>
/// <param name="OtherCouncils">Other councils where their email is in the staff records.</param>
public sealed record SignedIn(string Council, StaffMember Me, TeamScope Scope, StaffDirectory Staff, IReadOnlyList<string> OtherCouncils)
{
    /// <summary>Where "Sign out" goes (<see cref="SignedInStaff.SignOutHref"/>).</summary>
    public string SignOut { get; init; } = SignedInStaff.PlatformSignOut;
}

/// <summary>
/// Maps the signed-in email address to a staff record (staff.csv's email, any case): the only way into the team
/// view. Nobody in the staff records, or in a role without a team view, is refused.
/// </summary>
public sealed class SignedInStaff(ICaseloadReader caseload, SignInMode mode)
{
    /// <summary>
    /// App Service authentication's sign-out endpoint: it ends the platform's session and shows its own "signed out"
    /// page (learn.microsoft.com, "Customize sign-in and sign-out in Azure App Service authentication": "/.auth/logout").
    /// Not sent back to the team view, which would sign the reader straight in again.
    /// </summary>
    public const string PlatformSignOut = "/.auth/logout";

    /// <summary>Development only: forgets the development identity (not a function: the host never routes to it).</summary>
    public const string DevelopmentSignOut = "/dev/sign-out";

    /// <summary>Where "Sign out" goes in this mode.</summary>
    public string SignOutHref => mode == SignInMode.Development ? DevelopmentSignOut : PlatformSignOut;

    /// <summary>The development identity's cookie (development sign-in only: never set or read behind the platform).</summary>
    public const string DevelopmentCookie = "cpalerts-dev-user";

    /// <summary>The signed-in email address from the platform's header, or in development from the sign-in cookie.</summary>
    public string? Email(HttpRequest request) => mode switch
    {
        SignInMode.Platform => PlatformPrincipal.Email(request.Headers[PlatformPrincipal.Header].ToString(), request.Headers[PlatformPrincipal.NameHeader].ToString()),
        SignInMode.Development => request.Cookies[DevelopmentCookie] is { } email && EmailAddresses.IsValid(email) ? email : null,
        _ => null,
    };

    /// <summary>The staff record for the email in the council asked for (or the first council that has it), or the page that says why not.</summary>
    public async Task<(SignedIn? Who, WebPage? Refusal)> ResolveAsync(HttpRequest request, string? council, CancellationToken cancellationToken)
    {
        if (mode == SignInMode.Off)
        {
            return (null, WebPages.Message(404, "The team view is not switched on", "Your CpAlerts administrator can switch it on with the setting CpAlerts__Web__SignIn; if it is set, the app's log says why it is off."));
        }

        if (Email(request) is not { } email)
        {
            return (null, mode == SignInMode.Development
                ? WebPages.Message(401, "Sign in first", "This is a development copy of CpAlerts.", ("Sign in", "/dev/sign-in"))
                : WebPages.Message(401, "You are not signed in", "Your sign-in did not reach CpAlerts. Close the browser tab and open the link again; if this keeps happening, tell your CpAlerts administrator."));
        }

        // The sign-in entries each import keeps: no council's whole staff is read to find who this is.
        var matches = await caseload.FindStaffByEmailAsync(email, cancellationToken);

        // Council codes are kept in capitals (CouncilCode); a link typed in lower case still works.
        var chosen = council is null ? (matches.Count > 0 ? matches[0] : default) : matches.FirstOrDefault(m => string.Equals(m.Council, council, StringComparison.OrdinalIgnoreCase));
        if (chosen.Member is null)
        {
            return (null, WebPages.Message(403, "You cannot see this",
                council is null || matches.Count == 0
                    ? $"You signed in as {email}, which is not in the staff records CpAlerts has. If you work with children in care, ask your CpAlerts administrator to check the staff export has your work email address."
                    : $"You signed in as {email}, which is not in the staff records of council {council}. Open the team view without a council to see your own.",
                council is null || matches.Count == 0 ? [] : [("Your open items", TeamViewRoutes.Team)]));
        }

        if (TeamScope.For(chosen.Member) is not { } scope)
        {
            return (null, WebPages.Message(403, "The team view is for social workers and their managers",
                "You are told about the items that need you by email. To act on a child's case, contact their social worker."));
        }

        // Only the staff the page can show: a social worker themselves, a team manager their team, a head of service everyone.
        IReadOnlyList<StaffMember> staff = scope.Kind switch
        {
            TeamScopeKind.OwnChildren => [chosen.Member],
            TeamScopeKind.Team => [chosen.Member, .. await caseload.ReadManagedByAsync(chosen.Council, chosen.Member.StaffId, cancellationToken)],
            _ => await caseload.ReadStaffAsync(chosen.Council, cancellationToken),
        };
        return (new SignedIn(chosen.Council, chosen.Member, scope, new StaffDirectory(staff.DistinctBy(s => s.StaffId)), [.. matches.Select(m => m.Council).Where(c => c != chosen.Council).Distinct()]) { SignOut = SignOutHref }, null);
    }
}
