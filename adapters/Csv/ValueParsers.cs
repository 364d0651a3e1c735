using CpAlerts.Domain.Calendar;
using NodaTime;
using NodaTime.Text;

namespace CpAlerts.Adapters.Csv;

/// <summary>
/// The value formats of DATA-FORMAT.md and the bounds every stored value keeps. Each returns false with
/// a reason a person can act on, quoting the value only when it is a code or id by shape
/// (<see cref="Shown"/>): a column shifted by an unquoted comma can put a date of birth or an address
/// anywhere, so no column is trusted to hold what its name says.
/// </summary>
public static class ValueParsers
{
    /// <summary>The dates any record can sensibly hold; outside them a value is a typo or a system default (0001-01-01, 9999-12-31).</summary>
    public static readonly LocalDate EarliestDate = new(1900, 1, 1), LatestDate = new(2100, 12, 31);

    private static readonly LocalDatePattern Date = LocalDatePattern.Iso;
    private static readonly OffsetDateTimePattern WithOffset = OffsetDateTimePattern.GeneralIso;
    private static readonly OffsetDateTimePattern WithOffsetAndFraction = OffsetDateTimePattern.ExtendedIso;
    private static readonly LocalDateTimePattern LocalTime = LocalDateTimePattern.ExtendedIso;

    public static bool TryDate(string text, out LocalDate value, out string reason, bool withhold = false)
    {
        var result = Date.Parse(text);
        value = result.Success ? result.Value : default;
        reason = !result.Success ? $"unparseable date {Shown(text, withhold)} (expected YYYY-MM-DD)"
            : value < EarliestDate || value > LatestDate ? $"date out of range (expected between {EarliestDate:yyyy-MM-dd} and {LatestDate:yyyy-MM-dd})"
            : "";
        return reason.Length == 0;
    }

    /// <summary>ISO 8601 with an offset, or without one meaning Europe/London local time.</summary>
    public static bool TryInstant(string text, out Instant value, out string reason, bool withhold = false)
    {
        foreach (var pattern in new[] { WithOffset, WithOffsetAndFraction })
        {
            var offset = pattern.Parse(text);
            if (offset.Success)
            {
                return InRange(offset.Value.ToInstant(), out value, out reason);
            }
        }

        var local = LocalTime.Parse(text);
        if (local.Success)
        {
            return InRange(LondonTime.ToInstant(local.Value), out value, out reason);
        }

        value = default;
        reason = $"unparseable date-time {Shown(text, withhold)} (expected ISO 8601, e.g. 2026-11-20T18:30:00+00:00)";
        return false;
    }

    private static bool InRange(Instant instant, out Instant value, out string reason)
    {
        var date = LondonTime.DateOf(instant);
        value = instant;
        reason = date < EarliestDate || date > LatestDate ? $"date-time out of range (expected between {EarliestDate:yyyy-MM-dd} and {LatestDate:yyyy-MM-dd})" : "";
        return reason.Length == 0;
    }

    public static bool TryBoolean(string text, out bool value, out string reason, bool withhold = false)
    {
        reason = "";
        switch (text.Trim().ToLowerInvariant())
        {
            case "" or "false" or "no" or "0":
                value = false;
                return true;
            case "true" or "yes" or "1":
                value = true;
                return true;
            default:
                value = false;
                reason = $"unparseable boolean {Shown(text, withhold)} (expected true/false/yes/no/1/0)";
                return false;
        }
    }

    /// <summary>
    /// A value as a report may quote it: only a code or id by shape (letters, digits, '_' and '-', up to
    /// 40 characters, not a date or a long number), in quotes; anything else might be a name, a date of
    /// birth or an address in the wrong column, and is not shown.
    /// </summary>
    /// <param name="withhold">The column holds personal data (a name, date of birth, address): never shown, whatever its shape.</param>
    public static string Shown(string text, bool withhold = false) => !withhold && IsCodeShaped(text) ? $"'{text}'" : "(value not shown)";

    private static bool IsCodeShaped(string text) =>
        text.Length is > 0 and <= 40
        && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
        && !DateLike.IsMatch(text);

    /// <summary>Digits in date-like groups (2015-01-31, 31-01-2015), or only digits, six or more (20150131, a phone or NHS number).</summary>
    private static readonly System.Text.RegularExpressions.Regex DateLike =
        new(@"^\d{1,4}-\d{1,2}-\d{1,4}$|^\d{6,}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
