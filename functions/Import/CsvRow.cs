using NodaTime;

namespace CpAlerts.Functions.Import;

/// <summary>
/// One data row of an export file being parsed. Getters record every problem with its column and
/// return a placeholder, so a row reports all its problems at once and is then used whole or not at all.
/// </summary>
public sealed class CsvRow(string file, int line, IReadOnlyDictionary<string, string> values)
{
    /// <summary>Columns holding personal data: a report says what is wrong with them, never what they say.</summary>
    private static readonly HashSet<string> PersonalColumns = ["first_name", "last_name", "date_of_birth", "name", "email"];

    private readonly List<RejectedRow> _problems = [];

    public string File { get; } = file;

    public int Line { get; } = line;

    public IReadOnlyList<RejectedRow> Problems => _problems;

    public bool IsValid => _problems.Count == 0;

    public string? Text(string column) =>
        values.TryGetValue(column, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

    public string RequiredText(string column) => Text(column) ?? Missing(column, "");

    public LocalDate RequiredDate(string column) =>
        Text(column) is { } text ? Date(column, text) : Missing(column, default(LocalDate));

    public LocalDate? OptionalDate(string column) => Text(column) is { } text ? Date(column, text) : null;

    public Instant RequiredInstant(string column) =>
        Text(column) is { } text ? Instant(column, text) : Missing(column, default(Instant));

    public Instant? OptionalInstant(string column) => Text(column) is { } text ? Instant(column, text) : null;

    public bool Boolean(string column)
    {
        if (ValueParsers.TryBoolean(Text(column) ?? "", out var value, out var reason))
        {
            return value;
        }

        return Problem(column, reason, false);
    }

    /// <summary>A value from a closed list, matched case-insensitively; empty is null unless required.</summary>
    public T? Choice<T>(string column, IReadOnlyDictionary<string, T> allowed, bool required = false)
        where T : struct
    {
        var text = Text(column);
        if (text is null)
        {
            return required ? Missing<T?>(column, null) : null;
        }

        var match = allowed.FirstOrDefault(kv => string.Equals(kv.Key, text, StringComparison.OrdinalIgnoreCase));
        return match.Key is not null
            ? match.Value
            : Problem<T?>(column, $"unknown value '{ValueParsers.Shorten(text)}' (expected one of {string.Join(", ", allowed.Keys)})", null);
    }

    public void Reject(string? column, string reason) => _problems.Add(new RejectedRow(File, Line, column, reason));

    private LocalDate Date(string column, string text) =>
        ValueParsers.TryDate(text, out var value, out var reason) ? value : Problem(column, Withhold(column, text, reason), default(LocalDate));

    private static string Withhold(string column, string text, string reason) =>
        PersonalColumns.Contains(column) ? reason.Replace($"'{ValueParsers.Shorten(text)}'", "(value not shown: personal data)", StringComparison.Ordinal) : reason;

    private Instant Instant(string column, string text) =>
        ValueParsers.TryInstant(text, out var value, out var reason) ? value : Problem(column, reason, default(Instant));

    private T Missing<T>(string column, T placeholder) => Problem(column, "missing required value", placeholder);

    private T Problem<T>(string column, string reason, T placeholder)
    {
        Reject(column, reason);
        return placeholder;
    }
}
