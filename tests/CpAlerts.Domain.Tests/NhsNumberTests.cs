using CpAlerts.Domain.Records;

namespace CpAlerts.Domain.Tests;

public class NhsNumberTests
{
    [Theory]
    [InlineData("9434765919", true, "943 476 5919")]  // the NHS Data Dictionary's example
    [InlineData("943 476 5919", true, "943 476 5919")] // as people type it
    [InlineData("9434765918", false, "")]             // wrong check digit
    [InlineData("9434765820", false, "")]             // a check digit of 10 is never valid: no NHS number starts 943476582
    [InlineData("943476591", false, "")]              // nine digits
    [InlineData("94347659199", false, "")]
    [InlineData("943476591X", false, "")]
    [InlineData("", false, "")]
    public void Reads_ten_digits_with_a_matching_check_digit(string text, bool valid, string shown)
    {
        Assert.Equal(valid, NhsNumber.TryParse(text, out var number, out var reason));
        Assert.Equal(shown, number.ToString());
        Assert.Equal(valid, reason.Length == 0);
        Assert.DoesNotContain(text.Trim() is { Length: > 0 } t ? t : "\u0000", reason, StringComparison.Ordinal); // a reason never repeats the value
    }

    /// <summary>
    /// The law of modulus 11 with weights 10..2: every number made with its check digit is valid, and any one
    /// wrong digit or any swap of two different neighbouring digits makes it invalid.
    /// </summary>
    [Fact]
    public void Any_single_wrong_digit_or_swap_of_neighbours_is_caught()
    {
        var random = new Random(20261201);
        for (var n = 0; n < 5000; n++)
        {
            var prefix = string.Concat(Enumerable.Range(0, 9).Select(_ => (char)('0' + random.Next(10))));
            if (NhsNumber.CheckDigit(prefix) is not { } check)
            {
                continue;
            }

            var digits = prefix + check;
            Assert.True(NhsNumber.TryParse(digits, out _, out _), digits);
            var i = random.Next(10);
            var wrong = digits.ToCharArray();
            wrong[i] = (char)('0' + ((wrong[i] - '0' + 1 + random.Next(9)) % 10));
            Assert.False(NhsNumber.TryParse(new string(wrong), out _, out _), $"{digits}: digit {i} changed");
            var j = random.Next(9);
            if (digits[j] != digits[j + 1])
            {
                var swapped = digits.ToCharArray();
                (swapped[j], swapped[j + 1]) = (swapped[j + 1], swapped[j]);
                Assert.False(NhsNumber.TryParse(new string(swapped), out _, out _), $"{digits}: digits {j} and {j + 1} swapped");
            }
        }
    }
}
