using System.Globalization;
using System.Text;
using CpAlerts.Application.Import;
using CsvHelper;
using CsvHelper.Configuration;

namespace CpAlerts.Adapters.Csv;

/// <summary>
/// Reads one export file as rows of named values: header names matched case-insensitively, column
/// order free, unknown columns ignored. A missing required column rejects the file at line 1.
/// Memory stays bounded whatever the file holds: rows stream one at a time, and a row longer than
/// <see cref="MaxRowLength"/> characters is cut short and rejected (<see cref="OverlongRowCutter"/>).
/// </summary>
public static class CsvFileReader
{
    /// <summary>A real export row is a few hundred characters; this leaves room for long free-text columns.</summary>
    public const int MaxRowLength = 64 * 1024;

    /// <param name="knownColumns">Every column the file can have: a missing optional one is noted, and one that looks renamed rejects the file.</param>
    /// <param name="detailColumns">Known columns only shown to a reader: missing, they are noted, never taken as renamed.</param>
    /// <param name="notes">Where to say what a person should know about the header (columns absent or ignored).</param>
    public static IEnumerable<CsvRow> Read(TextReader reader, string file, IReadOnlyCollection<string> requiredColumns, ICollection<RejectedRow> rejected, int maxRowLength = MaxRowLength,
        IReadOnlyCollection<string>? knownColumns = null, ICollection<string>? notes = null, IReadOnlyCollection<string>? detailColumns = null)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = true,
            DetectColumnCountChanges = false,
            MissingFieldFound = null,
            BadDataFound = null, // a stray quote is kept as text; the value parsers then judge it
            IgnoreBlankLines = true,
            TrimOptions = TrimOptions.None,
        };
        var cutter = new OverlongRowCutter(reader, maxRowLength);
        using var csv = new CsvReader(cutter, config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header)
        {
            rejected.Add(new RejectedRow(file, 1, null, "the file is empty: it needs a header row"));
            yield break;
        }

        if (cutter.CutBefore(csv.Parser.CharCount))
        {
            rejected.Add(new RejectedRow(file, 1, null, $"the header row is longer than {maxRowLength:N0} characters; no rows of this file were used"));
            yield break;
        }

        var names = header.Select(h => h.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToArray();
        var missing = requiredColumns.Where(c => !names.Contains(c)).ToList();
        foreach (var column in missing)
        {
            rejected.Add(new RejectedRow(file, 1, column, "required column missing from the header row; no rows of this file were used"));
        }

        if (missing.Count > 0)
        {
            yield break;
        }

        if (knownColumns is not null)
        {
            var unknown = names.Where(n => n.Length > 0 && !knownColumns.Contains(n)).Distinct().ToList();
            var absent = knownColumns.Where(c => !names.Contains(c)).ToList();
            // A known column missing while an unknown one looks like it: renamed in the export. Reading on would
            // store every row without it (a permanence plan lost), so the file is not used.
            var renamed = absent.Where(a => detailColumns?.Contains(a) != true)
                .SelectMany(a => unknown.Where(u => LooksLike(u, a)).Select(u => (Absent: a, Unknown: u))).ToList();
            foreach (var (a, u) in renamed)
            {
                rejected.Add(new RejectedRow(file, 1, a, $"no '{a}' column, but a column '{u}' the format does not know: was it renamed? No rows of this file were used; name the column '{a}'"));
            }

            if (renamed.Count > 0)
            {
                yield break;
            }

            foreach (var note in absent.Select(a => $"{file} has no '{a}' column: every row is read without it.")
                         .Concat(unknown.Select(u => $"{file}: column '{u}' is not part of the format and was ignored.")))
            {
                notes?.Add(note);
            }
        }

        var line = 1;
        var lastLineRead = 1;
        while (ReadRecord(csv, cutter, file, rejected, ref line, ref lastLineRead))
        {
            if (cutter.CutBefore(csv.Parser.CharCount))
            {
                rejected.Add(new RejectedRow(file, line, null, $"row longer than {maxRowLength:N0} characters (a huge value, or a quote left open): rejected"));
                continue;
            }

            if (csv.Parser.Count > names.Length)
            {
                // An unquoted comma shifts every value after it: nothing in the row can be trusted, so no value is judged (or quoted).
                rejected.Add(new RejectedRow(file, line, null, $"the row has {csv.Parser.Count} values but the header has {names.Length}: a value holding a comma must be in double quotes"));
                continue;
            }

            if (csv.Parser.Count < names.Length && csv.Parser.Record?.Any(v => v.Contains('\n', StringComparison.Ordinal)) == true)
            {
                // A value ran over line breaks and the row came up short: a quote opened and never closed.
                // The record ran to the end of the file, where the parser's line count is not the start: it began right after the previous one.
                rejected.Add(new RejectedRow(file, Math.Min(line, lastLineRead + 1), null, "a double quote is left open on this line: the value runs over the lines after it (to the end of the file); close the quote"));
                continue;
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < names.Length; i++)
            {
                // Duplicate header names: the first column wins, so later ones cannot override it.
                if (csv.TryGetField<string>(i, out var value) && value is not null)
                {
                    values.TryAdd(names[i], value);
                }
            }

            var row = new CsvRow(file, line, values);
            foreach (var (column, _) in values.Where(v => v.Value.Contains('\uFFFD', StringComparison.Ordinal)))
            {
                row.Reject(column, "holds bytes that are not UTF-8 (was the file saved as Windows-1252 or Latin-1?): save the export as UTF-8");
            }

            yield return row;
        }
    }

    /// <summary>Whether an unknown column name looks like a known one (a prefix of four or more letters in common, either way round).</summary>
    private static bool LooksLike(string unknown, string known) =>
        unknown.Length >= 4 && known.Length >= 4 && (known.StartsWith(unknown, StringComparison.Ordinal) || unknown.StartsWith(known, StringComparison.Ordinal)
            || string.Equals(unknown.Replace("_", "", StringComparison.Ordinal), known.Replace("_", "", StringComparison.Ordinal), StringComparison.Ordinal));

    /// <summary>The next record, reporting the physical line it started on (embedded newlines counted).</summary>
    private static bool ReadRecord(CsvReader csv, OverlongRowCutter cutter, string file, ICollection<RejectedRow> rejected, ref int line, ref int previousEnd)
    {
        while (true)
        {
            previousEnd = csv.Parser.RawRow;
            try
            {
                if (!csv.Read())
                {
                    return false;
                }

                line = Math.Max(previousEnd + 1, csv.Parser.RawRow - csv.Parser.RawRecord.Count(c => c == '\n') + 1);
                return true;
            }
            catch (CsvHelperException e) when (e is BadDataException or ParserException)
            {
                rejected.Add(new RejectedRow(file, csv.Parser.RawRow, null, "malformed CSV row"));
                cutter.CutBefore(csv.Parser.CharCount); // a cut inside this row is reported with it, not with the next
            }
        }
    }

    /// <summary>
    /// Opens a file as UTF-8 (a byte-order mark is allowed, and UTF-16 with its byte-order mark). Invalid
    /// bytes become U+FFFD, and <see cref="Read"/> rejects the row holding them with its line.
    /// </summary>
    public static StreamReader Open(string path) => new(path, new UTF8Encoding(false, false), detectEncodingFromByteOrderMarks: true);
}
