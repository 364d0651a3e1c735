using CpAlerts.Adapters.Csv;
using NodaTime.Text;

namespace CpAlerts.Functions.Tests;

public class ValueParsersTests
{
    [Theory]
    [InlineData("2026-11-20T18:30:00+00:00", "2026-11-20T18:30:00Z")]
    [InlineData("2026-11-20T18:30:00Z", "2026-11-20T18:30:00Z")]
    [InlineData("2026-07-20T18:30:00+01:00", "2026-07-20T17:30:00Z")]
    [InlineData("2026-07-20T18:30:00.250+01:00", "2026-07-20T17:30:00.25Z")]
    [InlineData("2026-07-20T18:30:00", "2026-07-20T17:30:00Z")]  // no offset: London summer time
    [InlineData("2026-12-20T18:30:00", "2026-12-20T18:30:00Z")]  // no offset: London winter time
    [InlineData("2026-10-25T01:30:00", "2026-10-25T00:30:00Z")]  // the repeated hour: the earlier (BST) one
    [InlineData("2026-03-29T01:30:00", "2026-03-29T01:30:00Z")]  // the skipped hour: moved forward by the gap
    public void Instants_with_and_without_offsets(string text, string expected)
    {
        Assert.True(ValueParsers.TryInstant(text, out var instant, out _));
        Assert.Equal(expected, InstantPattern.ExtendedIso.Format(instant));
    }

    [Theory]
    [InlineData("2026-11-20")]
    [InlineData("20/11/2026 18:30")]
    [InlineData("")]
    public void Not_instants(string text) => Assert.False(ValueParsers.TryInstant(text, out _, out _));
}
