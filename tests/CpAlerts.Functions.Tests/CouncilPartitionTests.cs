using CpAlerts.Adapters.Storage;
using CpAlerts.Application.Ports;

namespace CpAlerts.Functions.Tests;

public class CouncilPartitionTests
{
    // Pinned: rows already stored are found only if a child id maps to the same partition in every
    // process and every release (expected values computed independently with FNV-1a).
    [Theory]
    [InlineData("C0001", 5)]
    [InlineData("C0002", 12)]
    [InlineData("C0042", 0)]
    [InlineData("SYN-00017", 12)]
    public void A_child_always_lives_in_the_same_partition(string childId, int number)
    {
        Assert.Equal(new CouncilPartition("N1", number), CouncilPartition.Of("N1", childId));
    }

    [Fact]
    public void Children_spread_evenly_over_the_partitions()
    {
        var counts = Enumerable.Range(1, 16_000)
            .GroupBy(n => CouncilPartition.Of("N1", $"C{n:D6}").Number)
            .ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(CouncilPartition.Count, counts.Count);
        Assert.All(counts.Values, n => Assert.InRange(n, 800, 1_200)); // 1,000 each if perfectly even
    }

    [Fact]
    public void The_partition_key_names_the_council_escaped_and_the_number()
    {
        Assert.Equal("N%002FE|07", new CouncilPartition("N/E", 7).Key);
        Assert.Equal(Enumerable.Range(0, CouncilPartition.Count), CouncilPartition.AllOf("N1").Select(p => p.Number));
    }
}
