namespace CpAlerts.Adapters.Csv;

/// <summary>
/// Passes CSV text through to CsvHelper but cuts any row longer than a limit, so one huge field (or an
/// unclosed quote running to the end of a multi-gigabyte file) cannot make the reader hold it all.
/// A cut row ends early (closing its quote if it was inside one) and the rest of it is skipped up to
/// where CsvHelper would have ended it; its line breaks still pass through, so the line numbers of
/// the rows after it stay right. The reader asks <see cref="CutBefore"/> to report the cut row.
/// </summary>
/// <remarks>
/// The quote states mirror CsvHelper's RFC 4180 parser (checked by tests): a quote opens a quoted
/// field only at the start of a field, "" inside one is a literal quote, and text after a closing
/// quote is unquoted.
/// </remarks>
public sealed class OverlongRowCutter(TextReader inner, int maxRowLength) : TextReader
{
    private enum State { FieldStart, Unquoted, Quoted, QuoteInQuoted }

    private readonly char[] _input = new char[16 * 1024];
    private readonly Queue<long> _cuts = new();
    private int _next;
    private int _end;
    private long _passed;
    private int _rowLength;
    private State _state = State.FieldStart;
    private bool _skipping;

    public int MaxRowLength { get; } = maxRowLength > 0 ? maxRowLength : throw new ArgumentOutOfRangeException(nameof(maxRowLength));

    /// <summary>
    /// Whether a row was cut at or before <paramref name="position"/> (in characters passed through,
    /// as CsvHelper's <c>CharCount</c> counts them at the end of a row). Each cut is reported once.
    /// </summary>
    /// <remarks>"At" is for a cut row that ends the file: nothing follows the cut.</remarks>
    public bool CutBefore(long position)
    {
        var cut = false;
        while (_cuts.Count > 0 && _cuts.Peek() <= position)
        {
            _cuts.Dequeue();
            cut = true;
        }

        return cut;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read()
    {
        Span<char> one = stackalloc char[1];
        return Read(one) == 1 ? one[0] : -1;
    }

    public override int Read(Span<char> buffer)
    {
        var written = 0;
        while (written < buffer.Length)
        {
            if (_next == _end)
            {
                if (written > 0)
                {
                    break; // hand over what we have rather than block for more
                }

                _end = inner.Read(_input, 0, _input.Length);
                _next = 0;
                if (_end == 0)
                {
                    break;
                }
            }

            var c = _input[_next];
            var (state, rowEnds) = Step(_state, c);
            if (!_skipping && !rowEnds && _rowLength >= MaxRowLength)
            {
                _skipping = true;
                _cuts.Enqueue(_passed);
                if (_state == State.Quoted)
                {
                    // Close the open field so the line break that follows ends the row for CsvHelper.
                    buffer[written++] = '"';
                    _passed++;
                    continue;
                }
            }

            _next++;
            _state = state;
            if (!_skipping || c is '\r' or '\n')
            {
                buffer[written++] = c;
                _passed++;
            }

            if (rowEnds)
            {
                _skipping = false;
                _rowLength = 0;
            }
            else
            {
                _rowLength++;
            }
        }

        return written;
    }

    private static (State State, bool RowEnds) Step(State state, char c) => (state, c) switch
    {
        (State.Quoted, '"') => (State.QuoteInQuoted, false),
        (State.Quoted, _) => (State.Quoted, false),
        (State.QuoteInQuoted, '"') => (State.Quoted, false),
        (State.FieldStart, '"') => (State.Quoted, false),
        (_, ',') => (State.FieldStart, false),
        (_, '\r' or '\n') => (State.FieldStart, true),
        _ => (State.Unquoted, false),
    };

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
