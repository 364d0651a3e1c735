using NodaTime;
using NodaTime.Text;

namespace CpAlerts.Application.Wording;

/// <summary>Dates and times as people read them, in every email, report and page: "Tue 1 Dec 2026", "Tue 24 Nov 2026 14:30".</summary>
public static class PeopleDates
{
    /// <summary>"Tue 1 Dec 2026" (the domain's, so its reasons read the same).</summary>
    public static LocalDatePattern Pattern => Domain.Calendar.PeopleDate.Pattern;

    /// <summary>"Tue 24 Nov 2026 14:30" (London time).</summary>
    public static readonly LocalDateTimePattern DateTimePattern = LocalDateTimePattern.CreateWithInvariantCulture("ddd d MMM uuuu HH:mm");

    /// <summary>"Tue 1 Dec 2026".</summary>
    public static string Format(LocalDate date) => Domain.Calendar.PeopleDate.Format(date);

    /// <summary>An exact deadline (return home interviews) in London time, in people's words: "Tue 24 Nov 2026 14:30".</summary>
    public static string DueAt(Instant at) => DateTimePattern.Format(Domain.Calendar.LondonTime.LocalDateTimeOf(at));

}
