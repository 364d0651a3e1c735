using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace CpAlerts.Application.Configuration;

/// <summary>
/// The health team mailboxes of the integrated care boards (ICBs) the council places children in
/// (`CpAlerts__HealthTeams__<ICB>` = the team's address, optionally `CpAlerts__HealthTeams__<ICB>__Name` =
/// how it is greeted). A child whose `placement_icb` has one is that team's; every other child is the
/// council's own health team's.
/// </summary>
public sealed partial record HealthTeamMailboxes(ImmutableDictionary<string, HealthTeamMailboxes.Mailbox> ByIcb)
{
    public const string Section = "CpAlerts:HealthTeams";

    /// <summary>One ICB's health team: its address and the name its emails greet.</summary>
    public sealed record Mailbox(string Email, string Name);

    public static HealthTeamMailboxes None { get; } = new(ImmutableDictionary<string, Mailbox>.Empty);

    /// <summary>ICB code → address, for routing (the domain needs no names).</summary>
    public IReadOnlyDictionary<string, string> Addresses => ByIcb.ToImmutableDictionary(kv => kv.Key, kv => kv.Value.Email);

    public static HealthTeamMailboxes Read(IConfiguration configuration)
    {
        var result = ImmutableDictionary.CreateBuilder<string, Mailbox>(StringComparer.Ordinal);
        foreach (var team in configuration.GetSection(Section).GetChildren())
        {
            var setting = $"{Section}:{team.Key}";
            if (!IcbCode().IsMatch(team.Key))
            {
                throw new InvalidSettingException(setting, "the name after HealthTeams__ must be an ICB code (three to five letters and digits, e.g. QYG)");
            }

            if (!EmailAddresses.IsValid(team.Value))
            {
                throw new InvalidSettingException(setting, "must be the health team's email address");
            }

            var icb = team.Key.ToUpperInvariant();
            if (!result.TryAdd(icb, new Mailbox(team.Value!, team["Name"] is { Length: > 0 } name ? name : $"Health team for ICB {icb}")))
            {
                throw new InvalidSettingException(setting, $"ICB {icb} is set twice");
            }
        }

        return new HealthTeamMailboxes(result.ToImmutable());
    }

    /// <summary>An ICB code as settings and children.csv's placement_icb write it: three to five letters and digits (e.g. QYG).</summary>
    public static bool IsIcbCode(string text) => IcbCode().IsMatch(text);

    [GeneratedRegex("^[A-Za-z0-9]{3,5}$")]
    private static partial Regex IcbCode();
}
