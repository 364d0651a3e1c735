using System.Globalization;
using CpAlerts.Adapters.Csv;
using CpAlerts.Application.Import;
using CsCheck;
using CsvHelper;
using CsvHelper.Configuration;

namespace CpAlerts.Functions.Tests;

/// <summary>
/// A row too long to be a record — a huge value, or a quote left open to the end of the file — is
/// rejected on its own line without the reader holding it, and every other row reads as before.
/// </summary>
public class OverlongRowTests
{
    private const string Header = "child_id,date_of_birth,entered_care,social_worker_id,first_name\n";

    private static (List<CsvRow> Rows, List<RejectedRow> Rejected) ReadChildren(TextReader text, int maxRowLength = CsvFileReader.MaxRowLength)
    {
        var rejected = new List<RejectedRow>();
        var rows = CsvFileReader.Read(text, ExportFiles.Children, ["child_id"], rejected, maxRowLength).ToList();
        return (rows, rejected);
    }

    [Fact]
    public void A_200_MB_value_is_rejected_on_its_line_without_being_held()
    {
        var text = new GeneratedText(
            Header + "C1,2015-01-01,2026-01-01,S1,",
            'x',
            200L * 1024 * 1024,
            "\nC2,2015-01-01,2026-01-01,S1,Ash\n");

        var before = GC.GetAllocatedBytesForCurrentThread();
        var (rows, rejected) = ReadChildren(text);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        var cut = Assert.Single(rejected);
        Assert.Equal(2, cut.Line);
        Assert.Contains("longer than 65,536 characters", cut.Reason);
        var row = Assert.Single(rows);
        Assert.Equal((3, "C2"), (row.Line, row.Text("child_id")));
        // Holding the value would take 400 MB (UTF-16) at least once; the reader allocates a small fraction.
        Assert.True(allocated < 40L * 1024 * 1024, $"reading allocated {allocated / 1024 / 1024} MB");
    }

    [Fact]
    public void A_quote_left_open_is_reported_once_and_its_swallowed_rows_are_not_held()
    {
        // CsvHelper, like any RFC 4180 reader, reads everything after an open quote as one value.
        var text = new GeneratedText(Header + "C1,2015-01-01,2026-01-01,S1,\"Ash\n", '\n', 0, string.Concat(Enumerable.Repeat("C2,2015-01-01,2026-01-01,S1,Bo\n", 5_000)));

        var (rows, rejected) = ReadChildren(text);

        Assert.Empty(rows);
        var cut = Assert.Single(rejected);
        Assert.Equal(2, cut.Line);
        Assert.Contains("a quote left open", cut.Reason);
    }

    [Fact]
    public void Rows_after_a_cut_multi_line_value_keep_their_line_numbers()
    {
        var text = new StringReader(Header
            + "C1,2015-01-01,2026-01-01,S1,\"a long\nvalue over\nseveral lines\nthat never\nstops\"\n"
            + "C2,2015-01-01,2026-01-01,S1,\"short\nvalue\"\n"
            + "C3,2015-01-01,2026-01-01,S1,Cy\n");

        var (rows, rejected) = ReadChildren(text, maxRowLength: 70); // the header is 63

        Assert.Equal(2, Assert.Single(rejected).Line);
        Assert.Equal([(7, "C2"), (9, "C3")], rows.Select(r => (r.Line, r.Text("child_id"))));
        Assert.Null(rows[0].Text("first_name")); // read whole, and then refused: a name is one line (a line break would forge an email line)
        Assert.False(rows[0].IsValid);
    }

    [Fact]
    public void A_header_longer_than_the_limit_rejects_the_file()
    {
        var (rows, rejected) = ReadChildren(new StringReader("child_id," + new string('h', 100) + "\nC1,x\n"), maxRowLength: 50);

        Assert.Empty(rows);
        Assert.Contains("header row is longer than 50 characters", Assert.Single(rejected).Reason);
    }

    // Text made of the characters that steer a CSV parser, so quotes, separators and breaks collide.
    private static readonly Gen<string> CsvLikeText = Gen.Char["a\",\r\n"].Array[0, 120].Select(cs => new string(cs));

    [Fact]
    public void Text_with_no_row_over_the_limit_passes_through_unchanged()
    {
        CsvLikeText.Sample(text =>
        {
            using var cutter = new OverlongRowCutter(new StringReader(text), maxRowLength: 1_000);
            return cutter.ReadToEnd() == text;
        });
    }

    [Fact]
    public void Cutting_only_shortens_long_rows_it_never_merges_splits_or_changes_others()
    {
        Gen.Select(CsvLikeText, Gen.Int[1, 12]).Sample((text, limit) =>
        {
            var direct = Records(new StringReader(text), null);
            var cutter = new OverlongRowCutter(new StringReader(text), limit);
            var viaCutter = Records(cutter, cutter);

            // One record out for each record in (so line numbers and row-level reports line up), and
            // a record that was not cut is exactly the record CsvHelper reads without the cutter.
            return direct.Count == viaCutter.Count
                && direct.Zip(viaCutter).All(p => p.Second.Cut || p.First.Fields.SequenceEqual(p.Second.Fields))
                && viaCutter.All(r => r.Raw.Length <= limit + 3) // the kept part, a closing quote, "\r\n"
                && cutter.ReadToEnd() == "";
        });
    }

    [Fact]
    public void Line_breaks_all_pass_through_so_line_numbers_hold()
    {
        Gen.Select(CsvLikeText, Gen.Int[1, 12]).Sample((text, limit) =>
        {
            using var cutter = new OverlongRowCutter(new StringReader(text), limit);
            var output = cutter.ReadToEnd();
            return output.Count(c => c is '\r' or '\n') == text.Count(c => c is '\r' or '\n');
        });
    }

    private sealed record Record(string[] Fields, string Raw, bool Cut);

    private static List<Record> Records(TextReader text, OverlongRowCutter? cutter)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            DetectColumnCountChanges = false,
            MissingFieldFound = null,
            BadDataFound = null,
            IgnoreBlankLines = true,
        };
        var records = new List<Record>();
        using var csv = new CsvParser(text, config, leaveOpen: true);
        while (csv.Read())
        {
            records.Add(new Record(csv.Record!, csv.RawRecord, cutter?.CutBefore(csv.CharCount) ?? false));
        }

        return records;
    }

    /// <summary>A prefix, a run of one character of any length (never held as a string), then a suffix.</summary>
    private sealed class GeneratedText(string prefix, char fill, long fillLength, string suffix) : TextReader
    {
        private long _position;

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> destination)
        {
            var written = 0;
            while (written < destination.Length)
            {
                var p = _position + written;
                if (p < prefix.Length)
                {
                    destination[written++] = prefix[(int)p];
                }
                else if (p < prefix.Length + fillLength)
                {
                    var run = (int)Math.Min(destination.Length - written, prefix.Length + fillLength - p);
                    destination.Slice(written, run).Fill(fill);
                    written += run;
                }
                else if (p < prefix.Length + fillLength + suffix.Length)
                {
                    destination[written++] = suffix[(int)(p - prefix.Length - fillLength)];
                }
                else
                {
                    break;
                }
            }

            _position += written;
            return written;
        }
    }
}
