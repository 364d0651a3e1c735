using CpAlerts.Domain.Records;

namespace CpAlerts.Domain.Tests;

/// <summary>A staff member's phone (staff.csv's optional phone): phone-shaped, 10 to 13 digits, kept as written; a reason never repeats it.</summary>
public class PhoneNumberTests
{
    [Theory]
    [InlineData("01632 960123", true, "")]
    [InlineData("01632960123", true, "")]
    [InlineData("+44 1632 960123", true, "")]
    [InlineData("+44 (0)1632 960123", true, "")]          // 13 digits, the most
    [InlineData("0161-496-0000", true, "")]
    [InlineData("020 7946 000", true, "")]                // 10 digits, the fewest
    [InlineData("020 7946 00", false, "10 to 13 digits")]
    [InlineData("+44 (0)1632 9601234", false, "10 to 13 digits")]
    [InlineData("", false, "not a phone number")]
    [InlineData("01632 960123 ext 4", false, "not a phone number")]
    [InlineData("01632 +960123", false, "not a phone number")]  // a + only at the start
    [InlineData("０１６３２ ９６０１２３", false, "not a phone number")] // full-width digits are not ASCII digits
    [InlineData("01632.960123", false, "not a phone number")]
    public void A_phone_number_is_phone_shaped_with_10_to_13_digits(string text, bool valid, string reason)
    {
        Assert.Equal(valid, PhoneNumber.TryParse(text, out var number, out var why));
        Assert.Contains(reason, why, StringComparison.Ordinal);
        if (valid)
        {
            Assert.Equal(text, number.Text);
        }
        else if (text.Length > 0)
        {
            Assert.DoesNotContain(text, why, StringComparison.Ordinal);
        }
    }
}
