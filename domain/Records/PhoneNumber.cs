namespace CpAlerts.Domain.Records;

/// <summary>
/// A UK or international phone number as people write it ("01632 960123", "+44 (0)1632 960123"): digits, spaces,
/// a leading +, brackets and dashes, with 10 to 13 digits in all. Kept as written, so it reads as the council wrote it.
/// </summary>
public readonly record struct PhoneNumber
{
    /// <summary>The fewest and most digits a number may have: a UK number has 10 or 11, with +44 up to 13.</summary>
    public const int MinDigits = 10, MaxDigits = 13;

    private PhoneNumber(string text) => Text = text;

    /// <summary>The number as written (trimmed).</summary>
    public string Text { get; }

    /// <summary>Reads a phone-shaped number; false with a reason that never repeats the value.</summary>
    public static bool TryParse(string text, out PhoneNumber number, out string reason)
    {
        number = default;
        var trimmed = text.Trim();
        var plus = trimmed.StartsWith('+') ? 1 : 0;
        if (trimmed.Length == 0 || !trimmed.Skip(plus).All(c => char.IsAsciiDigit(c) || c is ' ' or '(' or ')' or '-'))
        {
            reason = "not a phone number (only digits, spaces, a leading +, brackets and dashes)";
            return false;
        }

        var digits = trimmed.Count(char.IsAsciiDigit);
        if (digits is < MinDigits or > MaxDigits)
        {
            reason = $"a phone number has {MinDigits} to {MaxDigits} digits";
            return false;
        }

        number = new PhoneNumber(trimmed);
        reason = "";
        return true;
    }

    /// <summary>The number as written.</summary>
    public override string ToString() => Text;
}
