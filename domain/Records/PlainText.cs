using System.Text;
using System.Text.RegularExpressions;

namespace CpAlerts.Domain.Records;

/// <summary>
/// Text people type or export that is shown again: names and areas in emails, an "other" reason for an item being in
/// hand in the team view and its audit. Control characters (a line break in a name can forge a header line in a
/// plain-text email) and invisible direction controls (U+202E and friends, which make text read differently from
/// what is stored) have no place in it; an "in hand" reason must not carry a parent's phone number or email address
/// either (names cannot be told from words, so the form asks for none).
/// </summary>
public static partial class PlainText
{
    /// <summary>The text without control characters (bidirectional overrides, isolates and marks included), trimmed.</summary>
    public static string Clean(string? text)
    {
        var clean = new StringBuilder((text ?? "").Length);
        foreach (var c in text ?? "")
        {
            if (!char.IsControl(c) && !IsDirectionControl(c))
            {
                clean.Append(c);
            }
        }

        return clean.ToString().Trim();
    }

    /// <summary>Whether the text holds something shaped like an email address or a phone number (nine digits or more, as UK numbers have; a date has eight).</summary>
    public static bool LooksPersonal(string text) =>
        EmailLike().IsMatch(text) || DigitRun().Matches(text).Any(m => m.Value.Count(char.IsAsciiDigit) >= 9);

    /// <summary>Whether the text holds a character that is invisible or changes how the rest reads: a control or a direction control.</summary>
    public static bool HasHiddenCharacters(string text) => text.Any(c => char.IsControl(c) || IsDirectionControl(c));

    private static bool IsDirectionControl(char c) => c is '\u200E' or '\u200F' or '\u061C' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    [GeneratedRegex(@"\S+@\S+\.\S+")]
    private static partial Regex EmailLike();

    /// <summary>Digits with spaces, dots, dashes or brackets between them, and perhaps a leading +: 07700 900123, +44 (0)161 496 0000.</summary>
    [GeneratedRegex(@"\+?\(?\d[\d\s().\-]*\d")]
    private static partial Regex DigitRun();
}
