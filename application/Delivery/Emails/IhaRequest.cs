using CpAlerts.Application.Messages;
using CpAlerts.Application.Wording;
using CpAlerts.Domain.Escalation;
using CpAlerts.Domain.Records;

namespace CpAlerts.Application.Delivery;

/// <summary>The health team's IHA request: what the template sees.</summary>
public sealed partial class EmailContent
{
    /// <summary>
    /// The health team's IHA request, with what CoramBAAF's IHA referral (Part A) asks for so the team can book
    /// from the email: the child's name and NHS number (names can be turned off), date of birth, sex, language and
    /// interpreter, UASC, legal status, where the child is placed, the carer, GP, and consent with what to do
    /// when it is not given; ethnicity, religion and gender identity; parental responsibility, the parents and why the
    /// child entered care; the placement's address and start; known health needs, disability, allergies, medication and
    /// immunisations; school; and the social worker's phone and team manager. Codes are shown in words. Anything the
    /// export does not have says "not recorded". Only this email carries these details (and the social worker's phone).
    /// </summary>
    public async Task<Dictionary<string, object?>> IhaRequestAsync(IhaRequestMessage message, string recipientName, CancellationToken cancellationToken)
    {
        var child = await caseload.ReadChildAsync(message.Council, message.ChildId, cancellationToken);
        var worker = child?.SocialWorkerId is { } id ? await caseload.ReadStaffMemberAsync(message.Council, id, cancellationToken) : null;
        // The team manager needs no column of their own: it is the social worker's manager_id, as everywhere else.
        var manager = worker?.ManagerId is { } managerId ? await caseload.ReadStaffMemberAsync(message.Council, managerId, cancellationToken) : null;
        var referral = child?.Referral ?? HealthReferral.None;
        var workerName = worker?.Name ?? "the team manager (no social worker is allocated)";
        return new Dictionary<string, object?>(ChildFacts(message.ChildId, child, Audience.HealthTeam))
        {
            ["recipient_name"] = recipientName,
            ["name"] = settings.IhaRequestShowsName && child is not null && child.FullName is { Length: > 0 } full ? full : null,
            ["urgent"] = message.Urgent
                ? $"Urgent: due within {Domain.Notifications.NotificationPolicy.UrgentWithinWorkingDays} working days. Please book straight away."
                : null,
            ["opening"] = message.RequestedOn is { } requested
                ? $"The social worker requested this initial health assessment on {PeopleDates.Format(requested)}."
                : $"A child entered care on {PeopleDates.Format(message.EnteredCare)} and needs an initial health assessment.",
            ["nhs_number"] = referral.NhsNumber?.ToString() ?? CaseWords.NotRecorded,
            ["date_of_birth"] = child is null ? CaseWords.NotRecorded : PeopleDates.Format(child.DateOfBirth),
            ["sex"] = referral.Sex switch { Sex.Female => "Female", Sex.Male => "Male", Sex.Other => "Other", Sex.NotKnown => "Not known", _ => CaseWords.NotRecorded },
            ["first_language"] = referral.FirstLanguage ?? CaseWords.NotRecorded,
            ["interpreter"] = referral.InterpreterNeeded switch { true => "Needed", false => "Not needed", null => CaseWords.NotRecorded },
            ["uasc"] = child?.Uasc == true ? "Yes: an unaccompanied asylum-seeking child. Health history and documents may be limited; allow extra time and an interpreter if needed." : "No",
            ["legal_status"] = CaseWords.LegalStatusWords(child?.LegalStatus),
            ["placement_area"] = child?.PlacementArea ?? CaseWords.NotRecorded,
            ["postcode_district"] = referral.PlacementPostcodeDistrict ?? CaseWords.NotRecorded,
            ["host_icb"] = child?.PlacementIcb is not { } icb ? "The council's own area"
                : settings.HealthTeams.ByIcb.TryGetValue(icb, out var team) ? $"{team.Name} (ICB code {icb})" : $"ICB code {icb} (no health team mailbox is set for it, so the council's health team is told)",
            ["carer"] = referral.CarerName ?? CaseWords.NotRecorded,
            ["carer_phone"] = referral.CarerPhone ?? CaseWords.NotRecorded,
            ["gp_practice"] = referral.GpPractice ?? CaseWords.NotRecorded,
            ["consent"] = ConsentWords(child?.ConsentStatus, referral),
            ["consent_guidance"] = ConsentGuidance(child, workerName),
            ["gender_identity"] = Recorded(referral.Identity.GenderIdentity),
            ["ethnicity"] = ReferralWords.Ethnicity(referral.Identity.Ethnicity),
            ["religion"] = Recorded(referral.Identity.Religion),
            ["reason_for_care"] = ReferralWords.ReasonForEnteringCare(referral.Family.ReasonForEnteringCare),
            ["parental_responsibility"] = Recorded(referral.Family.ParentalResponsibility),
            ["parents"] = Recorded(referral.Family.Parents),
            ["placement_start"] = referral.Placement.StartDate is { } start ? PeopleDates.Format(start) : CaseWords.NotRecorded,
            ["placement_address"] = Recorded(referral.Placement.Address),
            ["health_needs"] = Recorded(referral.Health.HealthNeeds),
            ["disability"] = Recorded(referral.Health.Disability),
            ["allergies"] = Recorded(referral.Health.Allergies),
            ["medication"] = Recorded(referral.Health.Medication),
            ["immunisations"] = ReferralWords.Immunisations(referral.Health.Immunisations),
            ["school"] = Recorded(referral.School),
            ["social_worker"] = worker?.Name ?? "no social worker allocated",
            ["social_worker_email"] = worker?.Email ?? "",
            ["social_worker_phone"] = worker is null ? "none (no social worker allocated)" : worker.Phone?.Text ?? CaseWords.NotRecorded,
            ["team_manager"] = manager?.Name ?? (worker is null ? "not known (no social worker allocated)" : CaseWords.NotRecorded),
            ["team_manager_email"] = manager?.Email ?? "",
            // Replies reach the social worker, who can answer them, not CpAlerts' own address.
            [ReplyToKey] = worker?.Email,
            [ReplyToNameKey] = worker?.Name,
            ["entered_care"] = PeopleDates.Format(message.EnteredCare),
            ["iha_due"] = PeopleDates.Format(message.IhaDueDate),
        };
    }

    private static string Recorded(string? value) => value ?? CaseWords.NotRecorded;

    private static string ConsentWords(ConsentStatus? status, HealthReferral referral) => status switch
    {
        ConsentStatus.Given => "Given" + (referral.ConsentGivenBy is { } by ? $" by {by}" : "") + (referral.ConsentDate is { } on ? $" on {PeopleDates.Format(on)}" : ""),
        ConsentStatus.Pending => "Awaited",
        ConsentStatus.Refused => "Refused",
        _ => CaseWords.NotRecorded,
    };

    /// <summary>What the health team does about consent, in words: book; or hold a date and ask; or agree the next step.</summary>
    private static string ConsentGuidance(Child? child, string worker) => (child?.ConsentStatus, child?.LegalStatus) switch
    {
        (ConsentStatus.Given, _) => "Consent is recorded: please book the assessment.",
        (ConsentStatus.Pending, LegalStatus.S20) =>
            $"Consent is awaited. Under section 20 the council does not hold parental responsibility, so consent comes from a parent (or from the child, if old enough to decide). Please hold an appointment before the due date and ask {worker} when consent will be given.",
        (ConsentStatus.Pending, _) => $"Consent is awaited. Please hold an appointment before the due date and ask {worker} when consent will be given.",
        (ConsentStatus.Refused, _) =>
            $"Consent has been refused. Please do not examine the child without consent; agree the next step with {worker} (for example, who else can consent, or a health review in another form), and record the refusal so the missed timescale has its reason.",
        _ => $"Consent is not recorded. Please confirm it with {worker} before the appointment.",
    };
}
