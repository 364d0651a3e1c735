using System.Text;
using CpAlerts.Adapters.Csv;
using CpAlerts.Application.Import;
using CpAlerts.Testing.Synthetic;
using NodaTime;

namespace CpAlerts.Functions.Tests;

/// <summary>
/// Hostile exports: random mutations of a valid one must never crash or hang the reader, and every
/// problem must come back as a row-level report. Seeded, so a failure can be replayed.
/// </summary>
public class CsvFuzzTests
{
    private static readonly Dictionary<string, byte[]> Valid = MakeValidExport();

    private static Dictionary<string, byte[]> MakeValidExport()
    {
        var folder = Path.Combine(Path.GetTempPath(), "cpalerts-fuzz-" + Guid.NewGuid().ToString("N")[..8]);
        ExportWriter.Write(new SyntheticCaseload(40, 3, new LocalDate(2026, 11, 23)).Generate(), folder);
        var files = Directory.GetFiles(folder).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);
        Directory.Delete(folder, recursive: true);
        return files;
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = new List<byte>(original);
        for (var n = random.Next(1, 6); n > 0; n--)
        {
            var at = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
            switch (random.Next(13))
            {
                case 9: bytes.InsertRange(at, Encoding.UTF8.GetBytes(new string('7', random.Next(30, 2_000)))); break;       // an id or name beyond the bounds
                case 10: bytes.InsertRange(at, Encoding.UTF8.GetBytes(random.Next(2) == 0 ? "9999-12-31" : "0001-01-01")); break; // a system default date
                case 11: bytes.InsertRange(at, "@x@"u8.ToArray()); break;                                                    // an address that is two
                case 12: bytes.InsertRange(at, "\u001b[2J"u8.ToArray()); break;                                               // a terminal escape
                case 0: bytes.RemoveRange(at, bytes.Count - at); break;                                   // truncation
                case 1: bytes.Insert(at, (byte)random.Next(256)); break;                                  // a random byte (invalid UTF-8 too)
                case 2: bytes.InsertRange(at, [0xEF, 0xBB, 0xBF]); break;                                 // a BOM mid-file
                case 3: bytes.Insert(at, (byte)'"'); break;                                               // a stray quote
                case 4: bytes.InsertRange(at, "\r\n"u8.ToArray()); break;                                  // a line break
                case 5: bytes.InsertRange(at, Encoding.UTF8.GetBytes(new string('x', random.Next(1, 200_000)))); break; // a huge field
                case 6: bytes.InsertRange(at, Encoding.Latin1.GetBytes("caf\u00e9,na\u00efve")); break;   // the wrong encoding
                case 7: if (at < bytes.Count) { bytes[at] = (byte)','; } break;                            // an extra column
                default: bytes.InsertRange(at, "\0\0"u8.ToArray()); break;                                  // NULs
            }
        }

        return [.. bytes];
    }

    [Fact]
    public async Task Random_mutations_never_crash_or_hang_and_problems_are_row_level()
    {
        var random = new Random(20261123);
        for (var round = 0; round < 150; round++)
        {
            var mutated = Valid.ToDictionary(kv => kv.Key, kv => random.Next(3) == 0 ? Mutate(kv.Value, random) : kv.Value);
            var read = Task.Run(() => RecordExportReader.Read(name => mutated.TryGetValue(name, out var b) ? new StreamReader(new MemoryStream(b), new UTF8Encoding(false, false)) : null));
            var finished = await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(20)));
            Assert.True(finished == read, $"round {round}: the reader did not finish in 20 s");
            var export = await read; // throws here if the reader crashed

            Assert.All(export.Rejected, r =>
            {
                Assert.True(Valid.ContainsKey(r.File), $"round {round}: unknown file {r.File}");
                Assert.True(r.Line >= 1, $"round {round}: line {r.Line}");
                Assert.False(string.IsNullOrWhiteSpace(r.Reason));
            });
            Assert.True(export.Children.Length <= 40 + 5, $"round {round}: more children than the export has");

            // Whatever got through fits Table Storage and the domain's bounds, so import can always write it.
            Assert.All(export.Children, c =>
            {
                Assert.InRange(c.ChildId.Length, 1, CsvRow.MaxIdLength);
                Assert.True((c.FirstName?.Length ?? 0) <= CsvRow.MaxTextLength && (c.LastName?.Length ?? 0) <= CsvRow.MaxTextLength);
                Assert.InRange(c.EnteredCare, ValueParsers.EarliestDate, ValueParsers.LatestDate);
                Assert.InRange(c.DateOfBirth, ValueParsers.EarliestDate, ValueParsers.LatestDate);
                Assert.DoesNotContain(c.ChildId, char.IsControl);
            });
            Assert.All(export.Staff, m => Assert.True(m.Email is null || CpAlerts.Application.Configuration.EmailAddresses.IsValid(m.Email), $"round {round}: an invalid address got through"));
            Assert.All(CpAlerts.Adapters.Storage.CaseloadEntities.CaseloadOf("FUZZ", export), e => Assert.True(e.RowKey.Length <= 1024 && e.PartitionKey.Length <= 1024));
        }
    }

    [Fact]
    public void A_million_rows_are_read_with_a_report_for_each_bad_one()
    {
        // Streamed from a generator: the test itself holds no million-line string.
        var reader = new StreamReader(new MillionRowStream(1_000_000));
        var export = RecordExportReader.Read(name => name == ExportFiles.Children ? reader : null);
        Assert.Equal(1_000_000 - 10_000, export.Children.Length);
        Assert.Equal(10_000, export.Rejected.Length); // every hundredth row has a bad date
        Assert.All(export.Rejected.Take(3), r => Assert.Equal("date_of_birth", r.Column));
        Assert.Equal(101, export.Rejected[0].Line);
    }

    /// <summary>children.csv with N rows, every hundredth with an unparseable date of birth.</summary>
    private sealed class MillionRowStream(int rows) : Stream
    {
        private int _row = -1;
        private byte[] _pending = [];
        private int _offset;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_offset == _pending.Length)
            {
                if (_row >= rows)
                {
                    return 0;
                }

                _pending = Encoding.UTF8.GetBytes(_row < 0
                    ? "child_id,date_of_birth,entered_care,social_worker_id\n"
                    : $"C{_row:D7},{(_row % 100 == 99 ? "2015-02-30" : "2015-01-01")},2026-01-01,S1\n");
                _offset = 0;
                _row++;
            }

            var n = Math.Min(count, _pending.Length - _offset);
            Array.Copy(_pending, _offset, buffer, offset, n);
            _offset += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
