using CpAlerts.Domain.Escalation;
using CpAlerts.Domain.Rules;

namespace CpAlerts.Application.Wording;

/// <summary>What to do about each kind of finding, in the words a social worker or manager uses.</summary>
public static class RuleGuidance
{
    public static string WhatToDo(RuleId rule) => rule switch
    {
        RuleId.IhaRequest => "Send the initial health assessment request, with consent, to the health team today: CpAlerts has told them the child entered care, and your request lets them book.",
        RuleId.IhaCompletion => "Check with the health team that the assessment is booked and will be completed.",
        RuleId.DentalCheck => "Book a dental check and record it on the case record.",
        RuleId.PermanenceReview => "Make sure the review records a plan for permanence.",
        RuleId.ReturnInterview => "Offer a return home interview now and record the offer.",
        RuleId.ReviewHealthAssessment => "Ask the health team to book the review health assessment, and record it when it is done.",
        _ => "Check the case record.",
    };

    /// <summary>For the in-hand form's date: the day that would most likely end the item, in the timescale's own terms.</summary>
    public static string InHandDateExample(RuleId rule) => rule switch
    {
        RuleId.IhaRequest => "the day you will send the request",
        RuleId.IhaCompletion or RuleId.ReviewHealthAssessment => "the day of the booked health assessment",
        RuleId.DentalCheck => "the day of the dental appointment",
        RuleId.PermanenceReview => "the day of the review",
        RuleId.ReturnInterview => "the day the interview will be offered",
        _ => "the day you expect it to be done",
    };

    /// <summary>
    /// What to do, written for the audience told: the social worker acts; a manager asks the worker (by name)
    /// and removes what is in the way; the health team books; the dental adviser helps find an appointment;
    /// the IRO checks it at the child's review. <paramref name="worker"/> is the social worker's name, or null.
    /// </summary>
    /// <remarks><paramref name="manager"/>: for a head of service, the worker's team manager, through whom they act.</remarks>
    public static string WhatToDo(RuleId rule, Audience audience, string? worker = null, string? manager = null)
    {
        // A manager is known only through the worker's record, so a head of service's "who" always has both.
        var who = (audience, manager, worker) is (Audience.HeadOfService, { } teamManager, { } named)
            ? $"{teamManager} ({named}'s team manager)"
            : worker ?? "the team (no social worker is allocated)";
        return (rule, audience) switch
        {
            (_, Audience.SocialWorker) => WhatToDo(rule),
            (RuleId.ReviewHealthAssessment or RuleId.IhaCompletion, Audience.HealthTeam) => $"Book the health assessment and tell {worker ?? "the team manager"} the date.",
            (_, Audience.HealthTeam) => $"Check with {who} what the health team is waiting for.",
            (RuleId.DentalCheck, Audience.DentalAdviser) => $"Help secure a dental appointment: {worker ?? "the team manager"} can put you in touch with the carer.",
            (_, Audience.DentalAdviser) => $"Ask {who} whether a dental appointment would help.",
            (RuleId.PermanenceReview, Audience.Iro) => $"Make sure the child's review records a plan for permanence; raise it with {who} if it does not.",
            (_, Audience.Iro) => $"Raise this with {who} and check it at the child's next review.",
            (RuleId.IhaRequest, _) => $"Ask {who} to send the initial health assessment request to the health team today; if consent has not been given, ask what is in the way.",
            (RuleId.IhaCompletion, _) => $"Ask {who} when the initial health assessment will be done, and what is in the way.",
            (RuleId.DentalCheck, _) => $"Ask {who} when the dental check will be booked, and what is in the way.",
            (RuleId.PermanenceReview, _) => $"Ask {who} and the child's independent reviewing officer (IRO) whether the review recorded a plan for permanence.",
            (RuleId.ReturnInterview, _) => $"Ask {who} whether the return home interview has been offered, and who will do it if not.",
            (RuleId.ReviewHealthAssessment, _) => $"Ask {who} when the review health assessment is booked, and what is in the way if it is not.",
            _ => WhatToDo(rule),
        };
    }

    /// <summary>Why someone is told, once per email: "You are told as team manager about items that are overdue."</summary>
    public static string WhyTold(Audience audience, IEnumerable<EscalationLevel> levels)
    {
        var words = levels.Distinct().Order().Select(l => LevelWords(l).ToLowerInvariant()).ToList();
        var joined = words.Count switch
        {
            0 => "",
            1 => words[0],
            _ => $"{string.Join(", ", words[..^1])} or {words[^1]}",
        };
        return $"As the {AudienceWords(audience)}, you are told about items that are {joined}.";
    }

    /// <summary>An audience as people say it: "team manager", "IRO".</summary>
    public static string AudienceWords(Audience audience) => audience switch
    {
        Audience.SocialWorker => "social worker",
        Audience.TeamManager => "team manager",
        Audience.HeadOfService => "head of service",
        Audience.HealthTeam => "health team",
        Audience.Iro => "IRO",
        Audience.DentalAdviser => "dental adviser",
        _ => throw new ArgumentOutOfRangeException(nameof(audience)),
    };

    public static string LevelWords(EscalationLevel level) => level switch
    {
        EscalationLevel.DueSoon => "Due soon",
        EscalationLevel.Overdue => "Overdue",
        _ => "Escalated",
    };
}
