using CpAlerts.Application.Reporting;
using CpAlerts.Application.Wording;

namespace CpAlerts.Application.Delivery;

/// <summary>The board's monthly scorecard email: what the template sees.</summary>
public sealed partial class EmailContent
{
    public static Dictionary<string, object?> Scorecard(ScorecardReport report, string recipientName) => new()
    {
        ["recipient_name"] = recipientName,
        ["council"] = report.Council,
        ["period"] = report.Overall.Period.Label,
        ["previous_period"] = report.Previous.Period.Label,
        ["period_end"] = PeopleDates.Format(report.Overall.Period.End),
        ["target"] = report.Policy.Target.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture),
        ["measures"] = report.Overall.Measures.Select(m => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["title"] = m.Title,
            ["figure"] = report.Policy.FigureText(m),
            ["of"] = report.Policy.OfText(m),
            ["status"] = Domain.Scorecards.ScorecardPolicy.Words(report.Policy.StatusOf(m)),
            ["previous"] = report.Policy.FigureText(report.Previous[m.Id]),
            ["change"] = report.Policy.ChangeText(m, report.Previous[m.Id]),
            // Too few children: no breakdown either (it could identify a child).
            ["late_reasons"] = report.Policy.IsTooSmall(m) ? null : m.LateReasonsText,
        }).ToList(),
    };
}
