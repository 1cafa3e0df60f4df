using Streaming.Bench.LoadGen.Benchmark;

namespace Streaming.Bench.LoadGen.Tests;

/// <summary>The benchmark's synthetic traffic is dated now, as live traffic is, and moves forward per key.</summary>
public sealed class SyntheticLoadTests
{
    [Theory]
    [InlineData(1_000, 100)] // 10 per key: 90 s / 10 = 9 s apart
    [InlineData(300, 100)]   // 3 per key: 30 s apart, as a player's heartbeats
    public void A_runs_events_lie_in_the_90_s_before_their_generation_and_each_keys_move_forward(int events, int keys)
    {
        var load = new SyntheticLoad(keys, titles: 10, partitions: 4);
        using var slabs = new SlabBuffer();
        var before = DateTimeOffset.UtcNow;
        var batches = load.Generate(events, 50, slabs);
        var after = DateTimeOffset.UtcNow;

        var parsed = batches.SelectMany(b => JsonDocument.Parse(b.Body).RootElement.EnumerateArray()
            .Select(e => (Stream: e.GetProperty("customerId").GetString()!, At: e.GetProperty("occurredAt").GetDateTimeOffset()))).ToList();
        Assert.Equal(events, parsed.Count);
        Assert.All(parsed, e => Assert.InRange(e.At, before.AddSeconds(-91), after));
        var steps = events / keys;
        var expectedGap = TimeSpan.FromMilliseconds(Math.Min(30_000, 90_000.0 / steps));
        foreach (var stream in parsed.GroupBy(e => e.Stream))
        {
            var times = stream.Select(e => e.At).ToList();
            Assert.Equal(steps, times.Count);
            // Each next event of a key comes one step later (to the millisecond the JSON keeps).
            Assert.All(times.Zip(times.Skip(1)), pair => Assert.InRange(pair.Second - pair.First, expectedGap - TimeSpan.FromMilliseconds(1), expectedGap + TimeSpan.FromMilliseconds(1)));
        }
    }
}

/// <summary>--event-age dates a run's traffic that long before its generation (issue 10's day-old comparison).</summary>
public sealed class EventAgeTests
{
    private static BenchOptions Parse(params string[] argv) => BenchOptions.From(Args.Parse(["bench", "--operator-key", "k", .. argv]));

    [Fact]
    public void Traffic_is_dated_now_by_default_and_the_option_sets_its_age()
    {
        Assert.Equal(TimeSpan.Zero, Parse().EventAge);
        Assert.Equal(TimeSpan.FromDays(1), Parse("--event-age", "86400").EventAge);
        Assert.ThrowsAny<ArgumentException>(() => Parse("--event-age", "-1"));
    }

    [Fact]
    public void A_day_old_runs_events_end_a_day_before_their_generation()
    {
        // 300 events over 100 keys: 3 per key, 30 s apart, so the run spans 90 s ending a day before now.
        var load = new SyntheticLoad(100, titles: 10, partitions: 4, TimeSpan.FromDays(1));
        using var slabs = new SlabBuffer();
        var before = DateTimeOffset.UtcNow;
        var batches = load.Generate(300, 50, slabs);
        var after = DateTimeOffset.UtcNow;

        var times = batches.SelectMany(b => JsonDocument.Parse(b.Body).RootElement.EnumerateArray()
            .Select(e => e.GetProperty("occurredAt").GetDateTimeOffset())).ToList();
        Assert.Equal(300, times.Count);
        Assert.All(times, t => Assert.InRange(t, before.AddDays(-1).AddSeconds(-91), after.AddDays(-1)));
    }
}
