using NodaTime;

namespace CpAlerts.Domain.Calendar;

/// <summary>
/// A job that runs at a London wall-clock time on some days (every day, a weekday, or a day of the
/// month). Timer schedules are UTC on Flex Consumption, so the timer fires at both UTC hours that can
/// be that London time; this decides which firing does the work, from the occurrence the timer stands
/// for rather than the clock it arrived by (a timer may fire a little early, or late after a restart).
/// </summary>
/// <param name="At">The London wall-clock time of each run, e.g. 06:00.</param>
/// <param name="OnDay">The day of the week it runs on (e.g. Monday for the weekly digest); null for any day.</param>
/// <param name="OnDayOfMonth">The day of the month it runs on (e.g. 1 for the monthly scorecard); null for any day.</param>
public sealed record LondonSchedule(LocalTime At, IsoDayOfWeek? OnDay = null, int? OnDayOfMonth = null)
{
    /// <summary>
    /// When set, a run whose day is not a working day (a bank holiday Monday) moves to the next working day at
    /// the same time: nobody reads a weekly digest on 28 December. Null: runs on its day, whatever day it is.
    /// </summary>
    public WorkingCalendar? MovePastNonWorkingDays { get; init; }

    /// <summary>The longest gap between two runs (a monthly job): how far back a catch-up looks.</summary>
    private const int LongestGapDays = 31;

    /// <summary>Whether the instant is one of this schedule's runs, to the minute.</summary>
    public bool Includes(Instant instant)
    {
        var local = LondonTime.LocalDateTimeOf(instant);
        return local.TimeOfDay == At && RunsOn(local.Date);
    }

    /// <summary>The latest run at or before the instant.</summary>
    public Instant LatestAtOrBefore(Instant instant)
    {
        var date = LondonTime.DateOf(instant);
        for (var back = 0; back <= LongestGapDays + 1; back++, date = date.PlusDays(-1))
        {
            var run = LondonTime.ToInstant(date.At(At));
            if (RunsOn(date) && run <= instant)
            {
                return run;
            }
        }

        throw new InvalidOperationException("a schedule that never runs"); // unreachable for any valid schedule
    }

    /// <summary>
    /// The run a timer firing should do, as its scheduled instant, or null when the firing is the other
    /// UTC candidate hour. On time: the occurrence if it is a run. Past due (the host was down at the
    /// scheduled time): the latest run up to the firing's arrival, which the caller does only where it
    /// has not completed — so a restart after the London hour catches up once and never doubles.
    /// </summary>
    public Instant? RunFor(Instant occurrence, bool isPastDue, Instant arrival)
    {
        if (isPastDue)
        {
            return LatestAtOrBefore(Instant.Max(occurrence, arrival));
        }

        return Includes(occurrence) ? occurrence : null;
    }

    private bool RunsOn(LocalDate date)
    {
        if (MovePastNonWorkingDays is not { } calendar)
        {
            return IsNominalDay(date);
        }

        // The run of the latest nominal day on or before this date lands on that day's first working day.
        if (!calendar.IsWorkingDay(date))
        {
            return false;
        }

        for (var day = date; day > date.PlusDays(-LongestGapDays); day = day.PlusDays(-1))
        {
            if (IsNominalDay(day))
            {
                return day == date || calendar.AddWorkingDays(day.PlusDays(-1), 1) == date;
            }
        }

        return false;
    }

    private bool IsNominalDay(LocalDate date) =>
        (OnDay is null || date.DayOfWeek == OnDay) && (OnDayOfMonth is null || date.Day == OnDayOfMonth);
}
