using CpAlerts.Domain.Escalation;
using CpAlerts.Domain.Rules;

namespace CpAlerts.Functions.Delivery;

/// <summary>What to do about each kind of finding, in the words a social worker or manager uses.</summary>
public static class RuleGuidance
{
    public static string WhatToDo(RuleId rule) => rule switch
    {
        RuleId.IhaRequest => "Send the initial health assessment request, with consent, to the health team today.",
        RuleId.IhaCompletion => "Check with the health team that the assessment is booked and will be completed.",
        RuleId.DentalCheck => "Book a dental check and record it on the case record.",
        RuleId.PermanenceReview => "Make sure the review records a plan for permanence.",
        RuleId.ReturnInterview => "Offer a return home interview now and record the offer.",
        RuleId.ReviewHealthAssessment => "Ask the health team to book the review health assessment, and record it when it is done.",
        _ => "Check the case record.",
    };

    /// <summary>What to do, for the audience told: the health team books, managers check it is in hand, the social worker acts.</summary>
    public static string WhatToDo(RuleId rule, Audience audience) => (rule, audience) switch
    {
        (RuleId.ReviewHealthAssessment or RuleId.IhaCompletion, Audience.HealthTeam) => "Book the health assessment and tell the social worker the date.",
        (RuleId.ReviewHealthAssessment, Audience.TeamManager or Audience.HeadOfService) =>
            "Check with the social worker that the review health assessment is booked, and what is in the way if it is not.",
        _ => WhatToDo(rule),
    };

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
