using CpAlerts.Domain.Calendar;
using CsCheck;
using NodaTime;
using NodaTime.Text;

namespace CpAlerts.Domain.Tests;

public class WorkingCalendarTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.EnglandAndWales;

    private static LocalDate D(string iso) => LocalDatePattern.Iso.Parse(iso).Value;

    [Theory]
    [InlineData("2026-11-20", 1, "2026-11-23")]  // Friday → Monday
    [InlineData("2026-11-21", 1, "2026-11-23")]  // Saturday: day 1 is the Monday
    [InlineData("2026-11-22", 5, "2026-11-27")]  // Sunday
    [InlineData("2026-11-20", 5, "2026-11-27")]
    [InlineData("2026-04-04", 1, "2026-04-07")]  // Saturday before Easter Monday: day 1 is Tuesday
    [InlineData("2026-04-02", 5, "2026-04-13")]  // Maundy Thursday across Good Friday and Easter Monday
    [InlineData("2026-12-24", 1, "2026-12-29")]  // Christmas Eve; Boxing Day substitute on Monday 28th
    [InlineData("2026-12-24", 5, "2027-01-05")]  // across Christmas and New Year
    [InlineData("2026-12-24", 20, "2027-01-26")]
    [InlineData("2026-11-02", 20, "2026-11-30")]
    [InlineData("2022-05-27", 1, "2022-05-30")]  // 2022-05-30 was moved for the Jubilee: a working day
    [InlineData("2022-06-01", 1, "2022-06-06")]  // 2 and 3 June 2022 were bank holidays
    [InlineData("2024-02-28", 1, "2024-02-29")]  // leap day is an ordinary working day
    [InlineData("2026-03-27", 1, "2026-03-30")]  // across the spring clock change
    [InlineData("2026-11-23", 0, "2026-11-23")]
    public void Add_working_days(string from, int n, string expected) =>
        Assert.Equal(D(expected), Calendar.AddWorkingDays(D(from), n));

    [Theory]
    [InlineData("2026-10-31", 4, "2027-02-28")]
    [InlineData("2024-02-29", 12, "2025-02-28")]
    [InlineData("2027-10-31", 4, "2028-02-29")]
    [InlineData("2026-01-31", 1, "2026-02-28")]
    [InlineData("2026-03-31", 1, "2026-04-30")]
    [InlineData("2026-08-31", 4, "2026-12-31")]
    [InlineData("2026-11-15", 12, "2027-11-15")]
    public void Add_months_clamps_to_month_end(string from, int n, string expected) =>
        Assert.Equal(D(expected), WorkingCalendar.AddMonths(D(from), n));

    private static readonly Gen<LocalDate> Dates = Gen.Int[0, 365 * 30].Select(i => new LocalDate(2010, 1, 1).PlusDays(i));

    [Fact]
    public void Property_the_nth_working_day_is_a_working_day_after_the_start() =>
        Gen.Select(Dates, Gen.Int[1, 60]).Sample((d, n) =>
        {
            var result = Calendar.AddWorkingDays(d, n);
            return Calendar.IsWorkingDay(result) && result > d;
        });

    [Fact]
    public void Property_strictly_increasing_in_n() =>
        Gen.Select(Dates, Gen.Int[0, 60]).Sample((d, n) => Calendar.AddWorkingDays(d, n + 1) > Calendar.AddWorkingDays(d, n));

    [Fact]
    public void Property_adding_n_then_m_is_adding_n_plus_m() =>
        Gen.Select(Dates, Gen.Int[0, 40], Gen.Int[0, 40]).Sample((d, n, m) =>
            Calendar.AddWorkingDays(Calendar.AddWorkingDays(d, n), m) == Calendar.AddWorkingDays(d, n + m));

    [Fact]
    public void Property_exactly_n_working_days_lie_in_the_span() =>
        Gen.Select(Dates, Gen.Int[0, 40]).Sample((d, n) =>
        {
            var end = Calendar.AddWorkingDays(d, n);
            var count = 0;
            for (var day = d.PlusDays(1); day <= end; day = day.PlusDays(1))
            {
                count += Calendar.IsWorkingDay(day) ? 1 : 0;
            }

            return count == n;
        });

    [Theory]
    // from, to, working days after from up to and including to
    [InlineData("2026-11-02", "2026-11-09", 5)]    // Monday to Monday
    [InlineData("2026-11-06", "2026-11-09", 1)]    // Friday to Monday: the weekend does not count
    [InlineData("2026-12-24", "2026-12-29", 1)]    // Christmas Day and the Boxing Day substitute (Mon 28) do not count
    [InlineData("2026-11-09", "2026-11-02", -5)]   // backwards: days past a deadline
    [InlineData("2026-11-07", "2026-11-08", 0)]    // Saturday to Sunday
    [InlineData("2028-02-28", "2028-03-01", 2)]    // over a leap day (Tue 29 Feb is a working day)
    public void Working_days_between_two_dates(string from, string to, int expected) =>
        Assert.Equal(expected, Calendar.WorkingDaysBetween(D(from), D(to)));

    /// <summary>The law tying the two together: counting the working days to the n-th working day gives n.</summary>
    [Fact]
    public void Working_days_between_undoes_add_working_days()
    {
        var random = new Random(2026);
        for (var i = 0; i < 2000; i++)
        {
            var start = D("2018-01-01").PlusDays(random.Next(0, 365 * 9));
            var n = random.Next(0, 60);
            Assert.Equal(n, Calendar.WorkingDaysBetween(start, Calendar.AddWorkingDays(start, n)));
        }
    }
}
