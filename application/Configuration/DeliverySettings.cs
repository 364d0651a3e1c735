using System.Collections.Immutable;
using CpAlerts.Domain.Escalation;
using Microsoft.Extensions.Configuration;

namespace CpAlerts.Application.Configuration;

/// <summary>
/// How emails are addressed and what they may show. Names are an opt-in per audience
/// (`CpAlerts__Email__FullNamesFor`); by default emails show the case reference and initials only.
/// </summary>
public sealed record DeliverySettings(
    string FromAddress,
    string FromName,
    string CaseRecordUrlTemplate,
    ImmutableHashSet<Audience> FullNamesFor,
    string FallbackMailbox,
    string TemplatesFolder)
{
    public const string Section = "CpAlerts:Email";
    public const string FromAddressSetting = Section + ":FromAddress";
    public const string CaseRecordUrlTemplateSetting = Section + ":CaseRecordUrlTemplate";
    public const string IhaRequestNamesSetting = Section + ":IhaRequestNames";

    /// <summary>The Liquid templates shipped next to the executable.</summary>
    public static string DefaultTemplatesFolder => Path.Combine(AppContext.BaseDirectory, "Templates");

    /// <summary>
    /// Whether the health team's IHA request shows the child's full name (`CpAlerts__Email__IhaRequestNames`,
    /// default true): the team books an appointment and the GP record by name and NHS number. False: initials.
    /// </summary>
    public bool IhaRequestShowsName { get; init; } = true;

    /// <summary>Health team mailboxes by the ICB a child is placed in (`CpAlerts__HealthTeams__<ICB>`); none by default.</summary>
    public HealthTeamMailboxes HealthTeams { get; init; } = HealthTeamMailboxes.None;

    /// <summary>The team view's settings (`CpAlerts__Web__*`): its address for the "in hand" links in emails, and how people sign in.</summary>
    public WebSettings Web { get; init; } = WebSettings.Off;

    /// <summary>Where the monthly scorecard goes (`CpAlerts__Scorecard__Mailbox`); the fallback mailbox if unset.</summary>
    public string? ScorecardMailbox { get; init; }

    public static DeliverySettings Read(IConfiguration configuration, string fallbackMailbox)
    {
        var section = configuration.GetSection(Section);
        var from = section["FromAddress"] ?? throw new InvalidSettingException(FromAddressSetting, "missing: the address alerts are sent from");
        if (!EmailAddresses.IsValid(from))
        {
            throw new InvalidSettingException(FromAddressSetting, "not an email address");
        }

        var url = section["CaseRecordUrlTemplate"] ?? "";
        if (url.Length > 0 && (!url.Contains("{childId}", StringComparison.Ordinal) || !Uri.TryCreate(url.Replace("{childId}", "x", StringComparison.Ordinal), UriKind.Absolute, out _)))
        {
            throw new InvalidSettingException(CaseRecordUrlTemplateSetting, "must be an absolute URL containing {childId}, e.g. https://cases.council.example/children/{childId}");
        }

        var names = Audiences(section, "FullNamesFor") ?? [];
        var links = Audiences(section, "CaseLinksFor") ?? DefaultCaseLinksFor;
        var scorecardMailbox = configuration[ScorecardOptions.MailboxSetting];
        if (scorecardMailbox is { Length: > 0 } m && !EmailAddresses.IsValid(m))
        {
            throw new InvalidSettingException(ScorecardOptions.MailboxSetting, "not an email address");
        }

        return new DeliverySettings(from, section["FromName"] ?? "CpAlerts", url, names, fallbackMailbox, section["TemplatesFolder"] ?? DefaultTemplatesFolder)
        {
            ScorecardMailbox = string.IsNullOrEmpty(scorecardMailbox) ? null : scorecardMailbox,
            IhaRequestShowsName = SettingFlags.Read(configuration, IhaRequestNamesSetting, true),
            CaseLinksFor = links,
        };
    }

    /// <summary>
    /// Where the email settings cannot be used: no email is sent (the mail service says why), and what the team view
    /// borrows from here is the safe default — initials only, no case-record links.
    /// </summary>
    public static DeliverySettings Unusable(string fallbackMailbox) =>
        new("cpalerts-unusable@invalid.example", "CpAlerts", "", [], fallbackMailbox, DefaultTemplatesFolder) { CaseLinksFor = [] };

    /// <summary>The council's own staff: the people who can open the council's case records.</summary>
    public static readonly ImmutableHashSet<Audience> DefaultCaseLinksFor =
        [Audience.SocialWorker, Audience.TeamManager, Audience.HeadOfService, Audience.Iro];

    /// <summary>
    /// Audiences whose emails link to the case record (`CpAlerts__Email__CaseLinksFor`; default the council's own
    /// staff): the health team and the dental adviser work for the NHS and cannot open the council's records.
    /// </summary>
    public ImmutableHashSet<Audience> CaseLinksFor { get; init; } = DefaultCaseLinksFor;

    private static ImmutableHashSet<Audience>? Audiences(IConfigurationSection section, string key) => section[key] is not { } text
        ? null
        : [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => Enum.TryParse<Audience>(n, true, out var a) && Enum.IsDefined(a) ? a : throw new InvalidSettingException($"{section.Path}:{key}", $"'{n}' is not an audience"))];

    /// <summary>The case-record link for a child, for an audience that can open it; null otherwise or when no template is configured.</summary>
    public string? CaseLink(string childId, Audience audience) =>
        CaseRecordUrlTemplate.Length == 0 || !CaseLinksFor.Contains(audience) ? null : CaseRecordUrlTemplate.Replace("{childId}", Uri.EscapeDataString(childId), StringComparison.Ordinal);
}
