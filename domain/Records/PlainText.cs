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
    /// <summary>The text without control characters, line separators, direction overrides and isolates, or direction marks, trimmed.</summary>
    public static string Clean(string? text)
    {
        var clean = new StringBuilder((text ?? "").Length);
        foreach (var c in text ?? "")
        {
            if (!IsHidden(c) && !IsDirectionMark(c))
            {
                clean.Append(c);
            }
        }

        return clean.ToString().Trim();
    }

    /// <summary>
    /// Whether the text holds something shaped like an email address or a phone number (nine digits or more, as UK numbers
    /// have, once dates and times are set aside: "14.01.2026 10.30" is an appointment, not a number to ring).
    /// </summary>
    public static bool LooksPersonal(string text) =>
        EmailLike().IsMatch(text) || DigitRun().Matches(DateOrTime().Replace(text, " ")).Any(m => m.Value.Count(char.IsAsciiDigit) >= 9);

    /// <summary>
    /// Whether the text holds a character that is invisible and changes how the rest reads: a control character, a line
    /// or paragraph separator, or a direction override, embedding or isolate. Direction marks (U+200E, U+200F, U+061C)
    /// are not among them: names in Arabic or Hebrew script mixed with Latin carry them legitimately.
    /// </summary>
    public static bool HasHiddenCharacters(string text) => text.Any(IsHidden);

    private static bool IsHidden(char c) => char.IsControl(c) || c is '\u2028' or '\u2029' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    private static bool IsDirectionMark(char c) => c is '\u200E' or '\u200F' or '\u061C';

    /// <summary>Dates (14.01.2026, 2026-01-14, 14/01/26) and times (10.30, 10:30) in a reason.</summary>
    [GeneratedRegex(@"\d{1,4}[./-]\d{1,2}[./-]\d{2,4}|\b\d{1,2}[.:]\d{2}\b")]
    private static partial Regex DateOrTime();

    [GeneratedRegex(@"\S+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")]
    private static partial Regex EmailLike();

    /// <summary>Digits with spaces, dots, dashes or brackets between them, and perhaps a leading +: 07700 900123, +44 (0)161 496 0000.</summary>
    [GeneratedRegex(@"\+?\(?\d[\d\s().\-]*\d")]
    private static partial Regex DigitRun();
}
