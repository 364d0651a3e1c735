using CpAlerts.Domain.Calendar;
using NodaTime;
using NodaTime.Text;

namespace CpAlerts.Domain.Tests;

public class BankHolidaysTests
{
    // The published England-and-Wales lists, year by year (substitute days included).
    public static TheoryData<int, string[]> Published => new()
    {
        { 2018, ["2018-01-01", "2018-03-30", "2018-04-02", "2018-05-07", "2018-05-28", "2018-08-27", "2018-12-25", "2018-12-26"] },
        { 2019, ["2019-01-01", "2019-04-19", "2019-04-22", "2019-05-06", "2019-05-27", "2019-08-26", "2019-12-25", "2019-12-26"] },
        { 2020, ["2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-08-31", "2020-12-25", "2020-12-28"] },
        { 2021, ["2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31", "2021-08-30", "2021-12-27", "2021-12-28"] },
        { 2022, ["2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27"] },
        { 2023, ["2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29", "2023-08-28", "2023-12-25", "2023-12-26"] },
        { 2024, ["2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26", "2024-12-25", "2024-12-26"] },
        { 2025, ["2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26"] },
        { 2026, ["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"] },
        { 2027, ["2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28"] },
    };

    [Theory]
    [MemberData(nameof(Published))]
    public void Derived_list_matches_the_published_england_and_wales_list(int year, string[] expected)
    {
        var derived = BankHolidays.Default.InYear(year).Select(d => LocalDatePattern.Iso.Format(d));
        Assert.Equal(expected, derived);
    }

    [Theory]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2038, "2038-04-25")] // the latest possible Easter in this century
    [InlineData(2008, "2008-03-23")]
    public void Easter_sunday_is_computed_for_any_year(int year, string expected) =>
        Assert.Equal(LocalDatePattern.Iso.Parse(expected).Value, BankHolidays.EasterSunday(year));

    [Fact]
    public void A_council_can_add_and_remove_dates()
    {
        // A Scottish council: St Andrew's Day added, Easter Monday removed.
        var holidays = BankHolidays.EnglandAndWales(extra: [new LocalDate(2026, 11, 30)], removed: [new LocalDate(2026, 4, 6)]);
        Assert.True(holidays.Contains(new LocalDate(2026, 11, 30)));
        Assert.False(holidays.Contains(new LocalDate(2026, 4, 6)));
        Assert.False(BankHolidays.Default.Contains(new LocalDate(2026, 11, 30)));
    }
}
