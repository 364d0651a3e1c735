using CpAlerts.Functions.Delivery;

namespace CpAlerts.Functions.Tests;

public class TransientRetryTests
{
    [Fact]
    public void The_default_back_off_doubles_to_a_minute_and_stays_inside_four_minutes()
    {
        Assert.Equal([2, 4, 8, 16, 32, 60, 60], TransientRetry.Default.Delays().Select(d => d.TotalSeconds));
    }

    [Fact]
    public void A_zero_budget_never_waits()
    {
        Assert.Empty(new TransientRetry(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(60), TimeSpan.Zero).Delays());
    }

    [Fact]
    public async Task A_passing_failure_is_tried_again_until_it_goes_through()
    {
        var retry = new TransientRetry(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(4), TimeSpan.FromSeconds(5));
        var attempts = 0;
        var waits = new List<TimeSpan>();

        var result = await retry.RunAsync(_ => Task.FromResult<DeliveryResult>(++attempts switch
        {
            1 => new DeliveryResult.Retry("503"),
            2 => new DeliveryResult.Misconfigured("401"),
            _ => new DeliveryResult.Delivered("202"),
        }), (_, wait) => waits.Add(wait), default);

        Assert.IsType<DeliveryResult.Delivered>(result);
        Assert.Equal(3, attempts);
        Assert.Equal([TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2)], waits);
    }

    [Theory]
    [InlineData("duplicate")]
    [InlineData("failed")]
    public async Task Settled_outcomes_are_not_tried_again(string kind)
    {
        var attempts = 0;
        DeliveryResult Settled() => kind == "duplicate" ? new DeliveryResult.Duplicate("sent before") : new DeliveryResult.Failed("400");

        await TransientRetry.Default.RunAsync(_ => { attempts++; return Task.FromResult(Settled()); }, null, default);

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task When_the_budget_is_spent_the_failure_goes_back_to_service_bus()
    {
        var retry = new TransientRetry(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(5));
        var attempts = 0;

        var result = await retry.RunAsync(_ => { attempts++; return Task.FromResult<DeliveryResult>(new DeliveryResult.Retry("503")); }, null, default);

        Assert.IsType<DeliveryResult.Retry>(result);
        Assert.InRange(attempts, 2, 4); // 1 + 2 + 2 ms of waits fit in 5 ms, fewer if the attempts themselves took time
    }
}
