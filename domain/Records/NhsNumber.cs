namespace CpAlerts.Domain.Records;

/// <summary>
/// A child's NHS number: ten digits whose last is the modulus 11 check digit of the first nine (NHS Data
/// Dictionary, "NHS Number"). Shown as "943 476 5919"; numbers beginning 999 are reserved for testing.
/// </summary>
public readonly record struct NhsNumber
{
    private NhsNumber(string digits) => Digits = digits;

    /// <summary>The ten digits, without spaces.</summary>
    public string Digits { get; }

    /// <summary>
    /// Reads ten digits, spaces allowed between them ("943 476 5919"); false with a reason when it is not a
    /// valid NHS number (the reason never repeats the value).
    /// </summary>
    public static bool TryParse(string text, out NhsNumber number, out string reason)
    {
        number = default;
        var digits = text.Replace(" ", "", StringComparison.Ordinal);
        if (digits.Length != 10 || !digits.All(char.IsAsciiDigit))
        {
            reason = "an NHS number has ten digits";
            return false;
        }

        if (CheckDigit(digits[..9]) is not { } check || check != digits[9] - '0')
        {
            reason = "the NHS number's check digit does not match (a digit is wrong or two are swapped)";
            return false;
        }

        number = new NhsNumber(digits);
        reason = "";
        return true;
    }

    /// <summary>
    /// The check digit for nine digits: weights 10 down to 2, 11 minus the sum modulo 11, where 11 becomes 0
    /// and 10 means no valid NHS number starts with these nine digits (null).
    /// </summary>
    public static int? CheckDigit(string nineDigits)
    {
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (nineDigits[i] - '0') * (10 - i);
        }

        var check = 11 - (sum % 11);
        return check switch
        {
            11 => 0,
            10 => null,
            _ => check,
        };
    }

    /// <summary>"943 476 5919": the 3-3-4 grouping people read and type.</summary>
    public override string ToString() => Digits is null ? "" : $"{Digits[..3]} {Digits[3..6]} {Digits[6..]}";
}
