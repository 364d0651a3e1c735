using CpAlerts.Domain.Records;
using NodaTime;

namespace CpAlerts.Application.Wording;

/// <summary>A child's case in words — legal status, consent, "in hand" — the same in emails, reports, the CLI and pages.</summary>
public static class CaseWords
{
    /// <summary>What a value the records do not have reads as.</summary>
    public const string NotRecorded = "not recorded";

    /// <summary>"In hand until Tue 8 Dec 2026, by Sam Worker: appointment booked.", or that the date passed: emails and the team view.</summary>
    public static string InHandWords(LocalDate until, string by, string reason, bool lapsed) => lapsed
        ? $"Was in hand until {PeopleDates.Format(until)} ({by}: {reason}); that date has passed and it is still open."
        : $"In hand until {PeopleDates.Format(until)}, by {by}: {reason}.";

    /// <summary>The consent status in the report's words ("given", "awaited", "refused", "not recorded"): email, CSV and the CLI alike.</summary>
    public static string ConsentStatusWords(ConsentStatus? status) => status switch
    {
        ConsentStatus.Given => "given",
        ConsentStatus.Pending => "awaited",
        ConsentStatus.Refused => "refused",
        _ => NotRecorded,
    };

    /// <summary>A legal status in words: "Section 20 (accommodated with consent)", "Care order".</summary>
    public static string LegalStatusWords(LegalStatus? status) => status switch
    {
        LegalStatus.S20 => "Section 20 (accommodated with consent)",
        LegalStatus.CareOrder => "Care order",
        LegalStatus.InterimCareOrder => "Interim care order",
        LegalStatus.PlacementOrder => "Placement order",
        LegalStatus.Remand => "Remand",
        LegalStatus.Other => "Other",
        _ => NotRecorded,
    };
}
