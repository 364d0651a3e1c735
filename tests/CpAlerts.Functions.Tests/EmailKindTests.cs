using CpAlerts.Application.Messages;

namespace CpAlerts.Functions.Tests;

/// <summary>The words a sweep's message ids use for each kind: the ids of messages already sent must not change.</summary>
public class EmailKindTests
{
    [Fact]
    public void Message_ids_name_each_kind_as_they_always_have()
    {
        Assert.Equal(
            ["digest", "escalation", "same-day", "baseline", "iha-report", "iha", "scorecard", "undeliverable"],
            Enum.GetValues<EmailKind>().Select(k => k.IdName()));
    }
}
