using CpAlerts.Domain.Calendar;
using NodaTime;

namespace CpAlerts.Functions.Handler;

/// <summary>
/// Timer schedules are UTC on Flex Consumption, so each timer fires at both UTC hours that can be the
/// London hour we want (GMT and BST); the handler acts only on the firing that is that London hour.
/// </summary>
public static class ScheduleGate
{
    public static bool IsLondonHour(Instant now, int hour, IsoDayOfWeek? day = null, int? dayOfMonth = null)
    {
        var local = LondonTime.LocalDateTimeOf(now);
        return local.Hour == hour && (day is null || local.DayOfWeek == day) && (dayOfMonth is null || local.Day == dayOfMonth);
    }
}
