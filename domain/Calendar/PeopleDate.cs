using NodaTime;
using NodaTime.Text;

namespace CpAlerts.Domain.Calendar;

/// <summary>A date as people read it, wherever CpAlerts writes one (the domain's reasons, emails, reports, pages): "Tue 1 Dec 2026".</summary>
public static class PeopleDate
{
    /// <summary>"ddd d MMM uuuu", invariant culture.</summary>
    public static LocalDatePattern Pattern { get; } = LocalDatePattern.CreateWithInvariantCulture("ddd d MMM uuuu");

    /// <summary>"Tue 1 Dec 2026".</summary>
    public static string Format(LocalDate date) => Pattern.Format(date);
}
