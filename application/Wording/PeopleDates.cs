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

    /// <summary>A date as a message carries it (ISO), in people's words; anything else as it is.</summary>
    public static string Format(string iso) => LocalDatePattern.Iso.Parse(iso) is { Success: true } d ? Format(d.Value) : iso;

    /// <summary>An exact deadline (return home interviews) in London time, in people's words: "Tue 24 Nov 2026 14:30".</summary>
    public static string DueAt(Instant at) => DateTimePattern.Format(Domain.Calendar.LondonTime.LocalDateTimeOf(at));

    /// <summary>An exact deadline as a message carries it (ISO instant), in people's words; anything else as it is.</summary>
    public static string DueAt(string iso) => InstantPattern.ExtendedIso.Parse(iso) is { Success: true } i ? DueAt(i.Value) : iso;

    /// <summary>The date a message carries (ISO), or null when it is not one.</summary>
    public static LocalDate? Day(string iso) => LocalDatePattern.Iso.Parse(iso) is { Success: true } d ? d.Value : null;
}
