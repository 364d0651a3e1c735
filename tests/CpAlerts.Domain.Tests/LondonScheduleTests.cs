using CpAlerts.Domain.Calendar;
using CsCheck;
using NodaTime;
using NodaTime.Text;

namespace CpAlerts.Domain.Tests;

/// <summary>Which timer firing does the work: from the scheduled occurrence, never the arrival clock; late firings catch up.</summary>
public class LondonScheduleTests
{
    private static readonly LondonSchedule Daily = new(new LocalTime(6, 0));
    private static readonly LondonSchedule Weekly = new(new LocalTime(7, 0), OnDay: IsoDayOfWeek.Monday);
    private static readonly LondonSchedule Monthly = new(new LocalTime(7, 0), OnDayOfMonth: 1);

    private static Instant I(string iso) => InstantPattern.ExtendedIso.Parse(iso).Value;

    private static LondonSchedule Named(string name) => name switch { "daily" => Daily, "weekly" => Weekly, _ => Monthly };

    [Theory]
    // schedule, occurrence (ScheduleStatus.Next), past due, arrival (sys.UtcNow), the run it does (or "-")
    [InlineData("daily", "2026-12-15T06:00:00Z", false, "2026-12-15T05:59:59.7Z", "2026-12-15T06:00:00Z")] // fired 0.3 s early: still today's run
    [InlineData("daily", "2026-12-15T05:00:00Z", false, "2026-12-15T04:59:59.7Z", "-")]                    // 05:00 GMT: the other candidate hour
    [InlineData("daily", "2026-07-15T05:00:00Z", false, "2026-07-15T05:00:00.2Z", "2026-07-15T05:00:00Z")] // 06:00 BST
    [InlineData("daily", "2026-07-15T06:00:00Z", false, "2026-07-15T06:00:00Z", "-")]                      // 07:00 BST
    [InlineData("daily", "2026-03-29T05:00:00Z", false, "2026-03-29T05:00:00Z", "2026-03-29T05:00:00Z")]   // clocks went forward at 01:00 UTC
    [InlineData("daily", "2026-10-25T05:00:00Z", false, "2026-10-25T05:00:00Z", "-")]                      // clocks went back at 01:00 UTC: 05:00 GMT
    [InlineData("daily", "2026-10-25T06:00:00Z", false, "2026-10-25T06:00:00Z", "2026-10-25T06:00:00Z")]
    [InlineData("daily", "2026-12-15T05:00:00Z", true, "2026-12-15T08:05:00Z", "2026-12-15T06:00:00Z")]    // down over both hours: today's run
    [InlineData("daily", "2026-12-15T06:00:00Z", true, "2026-12-15T06:20:00Z", "2026-12-15T06:00:00Z")]    // restarted just after the hour
    [InlineData("daily", "2026-12-15T05:00:00Z", true, "2026-12-15T05:30:00Z", "2026-12-14T06:00:00Z")]    // before today's hour: yesterday's (done already, in practice)
    [InlineData("daily", "2026-12-12T06:00:00Z", true, "2026-12-15T09:00:00Z", "2026-12-15T06:00:00Z")]    // down for days: today's, not a stale one
    [InlineData("weekly", "2026-12-28T07:00:00Z", false, "2026-12-28T06:59:59.8Z", "2026-12-28T07:00:00Z")]
    [InlineData("weekly", "2026-12-28T06:00:00Z", false, "2026-12-28T06:00:00Z", "-")]
    [InlineData("weekly", "2026-03-30T06:00:00Z", false, "2026-03-30T06:00:00Z", "2026-03-30T06:00:00Z")]  // Monday after the spring change: 07:00 BST
    [InlineData("weekly", "2026-12-28T06:00:00Z", true, "2026-12-29T10:00:00Z", "2026-12-28T07:00:00Z")]   // restarted on Tuesday: Monday's digest
    [InlineData("monthly", "2027-01-01T07:00:00Z", false, "2027-01-01T07:00:00Z", "2027-01-01T07:00:00Z")]
    [InlineData("monthly", "2026-07-01T07:00:00Z", false, "2026-07-01T07:00:00Z", "-")]                    // 08:00 BST
    [InlineData("monthly", "2026-03-01T06:00:00Z", true, "2026-03-02T12:00:00Z", "2026-03-01T07:00:00Z")]  // after a short month, the day after
    [InlineData("monthly", "2024-02-01T07:00:00Z", true, "2024-02-29T23:00:00Z", "2024-02-01T07:00:00Z")]  // leap-year February, a whole month late
    public void The_run_a_firing_does(string schedule, string occurrence, bool pastDue, string arrival, string expected)
    {
        var run = Named(schedule).RunFor(I(occurrence), pastDue, I(arrival));
        Assert.Equal(expected == "-" ? null : I(expected), run);
    }

    [Fact]
    public void Of_the_two_utc_candidate_hours_exactly_one_runs_on_every_day_of_a_leap_year_and_the_next()
    {
        for (var date = new LocalDate(2024, 1, 1); date < new LocalDate(2026, 1, 1); date = date.PlusDays(1))
        {
            var five = Instant.FromUtc(date.Year, date.Month, date.Day, 5, 0);
            var six = five + Duration.FromHours(1);
            Assert.True(Daily.RunFor(five, false, five) is null ^ Daily.RunFor(six, false, six) is null, $"{date}");
        }
    }

    [Fact]
    public void A_past_due_run_is_never_after_its_arrival_nor_more_than_a_month_before_it()
    {
        var instants = Gen.Long[Instant.FromUtc(2020, 1, 1, 0, 0).ToUnixTimeSeconds(), Instant.FromUtc(2035, 1, 1, 0, 0).ToUnixTimeSeconds()]
            .Select(Instant.FromUnixTimeSeconds);
        Gen.Select(instants, Gen.Int[0, 2]).Sample((arrival, which) =>
        {
            var schedule = new[] { Daily, Weekly, Monthly }[which];
            var run = schedule.RunFor(arrival - Duration.FromHours(3), true, arrival)!.Value;
            return run <= arrival && arrival - run < Duration.FromDays(32) && schedule.Includes(run);
        });
    }

    private static readonly LondonSchedule WeeklyOnWorkingDays = Weekly with { MovePastNonWorkingDays = WorkingCalendar.EnglandAndWales };
    private static readonly LondonSchedule MonthlyOnWorkingDays = Monthly with { MovePastNonWorkingDays = WorkingCalendar.EnglandAndWales };

    [Theory]
    // schedule, occurrence, past due, arrival, the run (or "-"): a bank holiday moves the run to the next working day
    [InlineData("weekly", "2026-12-28T07:00:00Z", false, "2026-12-28T07:00:00Z", "-")]                    // Monday 28 Dec 2026: a bank holiday
    [InlineData("weekly", "2026-12-29T07:00:00Z", false, "2026-12-29T07:00:00Z", "2026-12-29T07:00:00Z")] // so Tuesday
    [InlineData("weekly", "2026-12-22T07:00:00Z", false, "2026-12-22T07:00:00Z", "-")]                    // an ordinary Tuesday
    [InlineData("weekly", "2026-12-21T07:00:00Z", false, "2026-12-21T07:00:00Z", "2026-12-21T07:00:00Z")] // an ordinary Monday
    [InlineData("weekly", "2026-04-06T06:00:00Z", false, "2026-04-06T06:00:00Z", "-")]                    // Easter Monday (BST)
    [InlineData("weekly", "2026-04-07T06:00:00Z", false, "2026-04-07T06:00:00Z", "2026-04-07T06:00:00Z")]
    [InlineData("weekly", "2026-12-29T06:00:00Z", true, "2026-12-30T09:00:00Z", "2026-12-29T07:00:00Z")]  // past due on Wednesday: Tuesday's run
    [InlineData("monthly", "2027-01-01T07:00:00Z", false, "2027-01-01T07:00:00Z", "-")]                   // New Year's Day, a Friday
    [InlineData("monthly", "2027-01-04T07:00:00Z", false, "2027-01-04T07:00:00Z", "2027-01-04T07:00:00Z")] // so Monday the 4th
    [InlineData("monthly", "2026-12-02T07:00:00Z", false, "2026-12-02T07:00:00Z", "-")]                   // the 1st was a working day
    public void Runs_that_fall_on_a_bank_holiday_wait_for_the_next_working_day(string schedule, string occurrence, bool pastDue, string arrival, string expected)
    {
        var s = schedule == "weekly" ? WeeklyOnWorkingDays : MonthlyOnWorkingDays;
        Assert.Equal(expected == "-" ? null : I(expected), s.RunFor(I(occurrence), pastDue, I(arrival)));
    }

    [Fact]
    public void Moved_or_not_there_is_one_weekly_run_in_every_week_of_two_years()
    {
        for (var monday = new LocalDate(2025, 1, 6); monday < new LocalDate(2027, 1, 4); monday = monday.PlusWeeks(1))
        {
            var runs = Enumerable.Range(0, 7).Select(d => monday.PlusDays(d))
                .Count(day => WeeklyOnWorkingDays.Includes(LondonTime.ToInstant(day.At(new LocalTime(7, 0)))));
            Assert.True(runs == 1, $"week of {monday}: {runs} runs");
        }
    }
}
