using CpAlerts.Application.Import;
using NodaTime;

namespace CpAlerts.Adapters.Csv;

/// <summary>
/// One data row of an export file being parsed. Getters record every problem with its column and
/// return a placeholder, so a row reports all its problems at once and is then used whole or not at all.
/// Every value is held to bounds that keep it inside Table Storage's limits (a key of at most 1 KiB, a
/// property of at most 64 KiB, an entity of at most 1 MiB — "Understanding the Table service data
/// model"), so a row that passes here can always be stored: an id of at most <see cref="MaxIdLength"/>
/// characters escapes to at most 5 characters each, and a row key joins at most three ids and a date.
/// </summary>
public sealed class CsvRow(string file, int line, IReadOnlyDictionary<string, string> values)
{
    /// <summary>Ids (child, staff, episode): case-management ids are short codes.</summary>
    public const int MaxIdLength = 64;

    /// <summary>Free text (names, team, placement area).</summary>
    public const int MaxTextLength = 200;

    /// <summary>Columns holding personal data: a report never quotes them, even a value shaped like a code.</summary>
    private static readonly HashSet<string> PersonalColumns =
    [
        "first_name", "last_name", "date_of_birth", "name", "email",
        "nhs_number", "first_language", "placement_postcode_district", "carer_name", "carer_phone", "gp_practice", "consent_given_by", "consent_date",
        "placement_address", "placement_start", "parental_responsibility", "parents", "ethnicity", "religion", "gender_identity", "category_of_need",
        "health_needs", "disability", "allergies", "medication", "immunisations", "school", "phone",
    ];

    private readonly List<RejectedRow> _problems = [];
    private readonly List<string> _setAside = [];

    /// <summary>Optional values that were wrong and left out, the rest of the row used: for the import report (never the value).</summary>
    public IReadOnlyList<string> SetAside => _setAside;

    public string File { get; } = file;

    public int Line { get; } = line;

    public IReadOnlyList<RejectedRow> Problems => _problems;

    public bool IsValid => _problems.Count == 0;

    /// <summary>
    /// A free-text value, trimmed; empty is null. Too long, or holding a control character (a line break included: every
    /// text column is one line, and a line break in a name would forge a line of a plain-text email) or a direction
    /// control: a problem, and the row is rejected.
    /// </summary>
    public string? Text(string column, int maxLength = MaxTextLength) => Checked(column, maxLength, isId: false);

    /// <summary>An id: at most <see cref="MaxIdLength"/> characters and no control characters at all (ids are printed and become keys).</summary>
    public string? Id(string column) => Checked(column, MaxIdLength, isId: true);

    private string? Checked(string column, int maxLength, bool isId)
    {
        if (!values.TryGetValue(column, out var v) || string.IsNullOrWhiteSpace(v))
        {
            return null;
        }

        var text = v.Trim();
        if (text.Length > maxLength)
        {
            return Problem<string?>(column, $"longer than {maxLength} characters", null);
        }

        return Domain.Records.PlainText.HasHiddenCharacters(text)
            ? Problem<string?>(column, isId ? "contains control characters (an id cannot hold a line break, tab or escape)"
                : "contains a line break, tab or other control character, or an invisible direction mark (every text column is one line of plain text)", null)
            : text;
    }

    public string RequiredText(string column) => Text(column) ?? (HasProblemIn(column) ? "" : Missing(column, ""));

    public string RequiredId(string column) => Id(column) ?? (HasProblemIn(column) ? "" : Missing(column, ""));

    public LocalDate RequiredDate(string column) =>
        Text(column) is { } text ? Date(column, text) : Missing(column, default(LocalDate));

    public LocalDate? OptionalDate(string column) => Text(column) is { } text ? Date(column, text) : null;

    public Instant RequiredInstant(string column) =>
        Text(column) is { } text ? Instant(column, text) : Missing(column, default(Instant));

    public Instant? OptionalInstant(string column) => Text(column) is { } text ? Instant(column, text) : null;

    public bool Boolean(string column)
    {
        if (ValueParsers.TryBoolean(Text(column) ?? "", out var value, out var reason, Personal(column)))
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
            // Never quoted: with two columns' names swapped, every child's surname would be printed here.
            : Problem<T?>(column, $"not one of the column's codes (expected one of {string.Join(", ", allowed.Keys)}); is the column named right?", null);
    }

    /// <summary>
    /// An optional value that only an email shows (the IHA request's details): a wrong one is left out and noted,
    /// never the reason to reject the child's row, whose timescales matter more than a mistyped phone number.
    /// </summary>
    public T? Optional<T>(string column, Func<string, (T? Value, string? Problem)> parse)
        where T : struct
    {
        if (OptionalText(column) is not { } text)
        {
            return null;
        }

        var (value, problem) = parse(text);
        if (problem is not null)
        {
            SetAsideValue(column, problem);
        }

        return value;
    }

    /// <summary>Optional free text only an email shows: too long or with control characters, it is left out and noted (see <see cref="Optional{T}"/>).</summary>
    public string? OptionalText(string column, int maxLength = MaxTextLength)
    {
        if (!values.TryGetValue(column, out var v) || string.IsNullOrWhiteSpace(v))
        {
            return null;
        }

        var text = v.Trim();
        var problem = text.Length > maxLength ? $"longer than {maxLength} characters"
            : Domain.Records.PlainText.HasHiddenCharacters(text) ? "contains control characters or an invisible direction mark" : null;
        if (problem is not null)
        {
            SetAsideValue(column, problem);
            return null;
        }

        return text;
    }

    /// <summary>An optional value found wrong only beside the rest of the row (a placement before entering care): left out and noted, never quoted.</summary>
    public void LeaveOut(string column, string problem) => SetAsideValue(column, problem);

    private void SetAsideValue(string column, string problem) =>
        _setAside.Add($"{File} line {Line}, {column}: {problem}; that value was left out (shown as not recorded), the rest of the row was used.");

    public void Reject(string? column, string reason) => _problems.Add(new RejectedRow(File, Line, column, reason));

    private LocalDate Date(string column, string text) =>
        ValueParsers.TryDate(text, out var value, out var reason, Personal(column)) ? value : Problem(column, reason, default(LocalDate));

    private static bool Personal(string column) => PersonalColumns.Contains(column);

    private bool HasProblemIn(string column) => _problems.Any(p => p.Column == column);

    private Instant Instant(string column, string text) =>
        ValueParsers.TryInstant(text, out var value, out var reason, Personal(column)) ? value : Problem(column, reason, default(Instant));

    private T Missing<T>(string column, T placeholder) => Problem(column, "missing required value", placeholder);

    private T Problem<T>(string column, string reason, T placeholder)
    {
        Reject(column, reason);
        return placeholder;
    }
}
