using CpAlerts.Domain.Calendar;
using NodaTime;
using NodaTime.Text;

namespace CpAlerts.Functions.Import;

/// <summary>The value formats of DATA-FORMAT.md. Each returns false with a reason a person can act on.</summary>
public static class ValueParsers
{
    private static readonly LocalDatePattern Date = LocalDatePattern.Iso;
    private static readonly OffsetDateTimePattern WithOffset = OffsetDateTimePattern.GeneralIso;
    private static readonly OffsetDateTimePattern WithOffsetAndFraction = OffsetDateTimePattern.ExtendedIso;
    private static readonly LocalDateTimePattern LocalTime = LocalDateTimePattern.ExtendedIso;

    public static bool TryDate(string text, out LocalDate value, out string reason)
    {
        var result = Date.Parse(text);
        value = result.Success ? result.Value : default;
        reason = result.Success ? "" : $"unparseable date '{Shorten(text)}' (expected YYYY-MM-DD)";
        return result.Success;
    }

    /// <summary>ISO 8601 with an offset, or without one meaning Europe/London local time.</summary>
    public static bool TryInstant(string text, out Instant value, out string reason)
    {
        foreach (var pattern in new[] { WithOffset, WithOffsetAndFraction })
        {
            var offset = pattern.Parse(text);
            if (offset.Success)
            {
                value = offset.Value.ToInstant();
                reason = "";
                return true;
            }
        }

        var local = LocalTime.Parse(text);
        if (local.Success)
        {
            value = LondonTime.ToInstant(local.Value);
            reason = "";
            return true;
        }

        value = default;
        reason = $"unparseable date-time '{Shorten(text)}' (expected ISO 8601, e.g. 2026-11-20T18:30:00+00:00)";
        return false;
    }

    public static bool TryBoolean(string text, out bool value, out string reason)
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
                reason = $"unparseable boolean '{Shorten(text)}' (expected true/false/yes/no/1/0)";
                return false;
        }
    }

    /// <summary>Long hostile values are cut in messages so a report stays readable.</summary>
    public static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");
}
