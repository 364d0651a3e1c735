using System.Globalization;
using System.Text;
using CpAlerts.Functions.Import;
using CsvHelper;
using CsvHelper.Configuration;

namespace CpAlerts.Functions.Csv;

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

    public static IEnumerable<CsvRow> Read(TextReader reader, string file, IReadOnlyCollection<string> requiredColumns, ICollection<RejectedRow> rejected, int maxRowLength = MaxRowLength)
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

        var line = 1;
        while (ReadRecord(csv, cutter, file, rejected, ref line))
        {
            if (cutter.CutBefore(csv.Parser.CharCount))
            {
                rejected.Add(new RejectedRow(file, line, null, $"row longer than {maxRowLength:N0} characters (a huge value, or a quote left open): rejected"));
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

    /// <summary>The next record, reporting the physical line it started on (embedded newlines counted).</summary>
    private static bool ReadRecord(CsvReader csv, OverlongRowCutter cutter, string file, ICollection<RejectedRow> rejected, ref int line)
    {
        while (true)
        {
            var previousEnd = csv.Parser.RawRow;
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
