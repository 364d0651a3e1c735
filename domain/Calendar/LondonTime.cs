using NodaTime;

namespace CpAlerts.Domain.Calendar;

/// <summary>
/// The local time zone of the rules. Date rules use the Europe/London date of the as-of instant,
/// whatever the UTC offset is that day.
/// </summary>
public static class LondonTime
{
    /// <summary>The Europe/London time zone (GMT in winter, BST in summer).</summary>
    public static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Europe/London"];

    /// <summary>The London calendar date at the instant.</summary>
    public static LocalDate DateOf(Instant instant) => instant.InZone(Zone).Date;

    /// <summary>The London date and wall-clock time at the instant.</summary>
    public static LocalDateTime LocalDateTimeOf(Instant instant) => instant.InZone(Zone).LocalDateTime;

    /// <summary>
    /// A wall-clock time in London as an instant. In the autumn hour that happens twice the earlier
    /// one is taken; a time skipped in spring moves forward by the gap (NodaTime's lenient resolver).
    /// </summary>
    public static Instant ToInstant(LocalDateTime local) => local.InZoneLeniently(Zone).ToInstant();
}
