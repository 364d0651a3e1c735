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
        _ => "Check the case record.",
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
