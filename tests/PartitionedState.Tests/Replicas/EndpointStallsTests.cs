using Streaming.PartitionedState.Replicas;

namespace Streaming.PartitionedState.Tests.Replicas;

/// <summary>Which endpoints a replica restarts: those not ready at every observation for the whole limit (60 s here).</summary>
public sealed class EndpointStallsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 1, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset At(int seconds) => T0.AddSeconds(seconds);

    [Fact]
    public void An_endpoint_not_ready_for_the_whole_limit_is_named_once_and_then_gets_the_limit_again()
    {
        var stalls = new EndpointStalls(TimeSpan.FromSeconds(60));
        (int, bool)[] oneStuck = [(0, true), (1, false), (2, true)];

        Assert.Empty(stalls.Observe(oneStuck, At(0)));   // partition 1 not ready since 0 s
        Assert.Empty(stalls.Observe(oneStuck, At(59)));  // 59 s: under the limit
        Assert.Equal([1], stalls.Observe(oneStuck, At(60)));
        Assert.Empty(stalls.Observe(oneStuck, At(62)));  // restarted at 60 s: not ready since 62 s now
        Assert.Empty(stalls.Observe(oneStuck, At(121))); // 59 s after 62
        Assert.Equal([1], stalls.Observe(oneStuck, At(122)));
    }

    [Fact]
    public void One_ready_observation_starts_the_count_again()
    {
        var stalls = new EndpointStalls(TimeSpan.FromSeconds(60));

        Assert.Empty(stalls.Observe([(3, false)], At(0)));
        Assert.Empty(stalls.Observe([(3, true)], At(30)));  // the broker came back: consuming again
        Assert.Empty(stalls.Observe([(3, false)], At(40))); // away again since 40 s
        Assert.Empty(stalls.Observe([(3, false)], At(90))); // 50 s, not 90 s
        Assert.Equal([3], stalls.Observe([(3, false)], At(100)));
    }

    [Fact]
    public void Several_at_once_come_back_in_order_and_a_released_partition_is_forgotten()
    {
        var stalls = new EndpointStalls(TimeSpan.FromSeconds(60));

        Assert.Empty(stalls.Observe([(5, false), (2, false), (7, false)], At(0)));
        Assert.Empty(stalls.Observe([(5, false), (2, false)], At(10))); // 7 released
        Assert.Empty(stalls.Observe([(5, false), (2, false), (7, false)], At(20))); // 7 gained again: not ready since 20 s
        Assert.Equal([2, 5], stalls.Observe([(5, false), (2, false), (7, false)], At(60)));
        Assert.Equal([7], stalls.Observe([(5, false), (2, false), (7, false)], At(80)));
    }
}
