using Streaming.Bench.LoadGen.Benchmark;
using Streaming.Bench.LoadGen.Benchmark.Queries;
using Streaming.Contracts.Playback;

namespace Streaming.Bench.LoadGen.Tests.Queries;

/// <summary>The query benchmark's seed: issue 13's 1.44 M events, and the figures every answer must then show.</summary>
public sealed class QuerySeedTests
{
    [Fact]
    public void September_of_1000_titles_is_720_hours_and_1_44_million_events_of_360_minutes_per_title()
    {
        var seed = new QuerySeed("abc123", 1_000, 2025);

        Assert.Equal(720, seed.Hours);                   // 30 days × 24
        Assert.Equal(1_440_000, seed.Events);            // 1,000 × 720 × (play + heartbeat)
        Assert.Equal(720, seed.StreamsPerTitle);         // one stream per hour
        Assert.Equal(360.00m, seed.MinutesPerTitle);     // 720 × 30 s = 21,600 s
        Assert.Equal((100L, 50.00m), QuerySeed.PerHour(100)); // 100 streams of 30 s in every hour
        Assert.Equal((1L, 0.50m), QuerySeed.PerHour(1));
        Assert.Equal("from=2025-09-01&to=2025-09-30", seed.Period);
        Assert.Equal("bench-qabc123-t0007", seed.TitleId(7));
        Assert.Equal(1_000, seed.TitleIds.Distinct().Count());
    }

    [Fact]
    public void An_hour_is_a_play_and_a_heartbeat_30_s_later_per_title_in_bodies_of_the_batch_size()
    {
        var seed = new QuerySeed("abc123", 3, 2025);
        using var slabs = new SlabBuffer();

        var bodies = seed.Hour(5, batch: 4, slabs);

        Assert.Equal([4, 2], bodies.Select(b => b.Count));
        var events = bodies.SelectMany(b => JsonDocument.Parse(b.Body).RootElement.EnumerateArray().Select(e => e.Clone())).ToList();
        Assert.Equal(6, events.Count);
        for (var t = 0; t < 3; t++)
        {
            var (play, heartbeat) = (events[2 * t], events[2 * t + 1]);
            Assert.Equal("play", play.GetProperty("type").GetString());
            Assert.Equal("heartbeat", heartbeat.GetProperty("type").GetString());
            // Hour 5 of 1 September, plus t seconds: the play and its heartbeat in the hour's first quarter.
            Assert.Equal(new DateTimeOffset(2025, 9, 1, 5, 0, t, TimeSpan.Zero), play.GetProperty("occurredAt").GetDateTimeOffset());
            Assert.Equal(new DateTimeOffset(2025, 9, 1, 5, 0, t + 30, TimeSpan.Zero), heartbeat.GetProperty("occurredAt").GetDateTimeOffset());
            Assert.All([play, heartbeat], e => Assert.Equal($"bench-qabc123-t000{t}", e.GetProperty("titleId").GetString()));
            Assert.Equal(play.GetProperty("customerId").GetString(), heartbeat.GetProperty("customerId").GetString());
        }
        Assert.Equal(6, events.Select(e => e.GetProperty("eventId").GetString()).Distinct().Count());
    }

    [Fact]
    public void A_titles_stream_key_comes_back_every_8_hours_and_every_event_id_is_new()
    {
        var seed = new QuerySeed("abc123", 2, 2025);
        using var slabs = new SlabBuffer();

        var events = new[] { 0, 1, 8, 719 }.SelectMany(h => seed.Hour(h, 500, slabs))
            .SelectMany(b => JsonDocument.Parse(b.Body).RootElement.EnumerateArray().Select(e => e.Clone())).ToList();
        string Key(JsonElement e) => $"{e.GetProperty("customerId").GetString()}|{e.GetProperty("deviceId").GetString()}|{e.GetProperty("titleId").GetString()}";

        Assert.Equal(16, events.Count);
        Assert.Equal(16, events.Select(e => e.GetProperty("eventId").GetString()).Distinct().Count());
        // Events 0-3 are hour 0, 4-7 hour 1, 8-11 hour 8, 12-15 hour 719 (= 7 mod 8); title 0 first in each hour.
        Assert.Equal(Key(events[0]), Key(events[8]));
        Assert.NotEqual(Key(events[0]), Key(events[4]));
        Assert.NotEqual(Key(events[0]), Key(events[12]));
        Assert.Equal(2 * 3, events.Select(Key).Distinct().Count()); // 2 titles × devices 0, 1 and 7
        // The last hour is 30 September 23:00 UTC.
        Assert.Equal(new DateTimeOffset(2025, 9, 30, 23, 0, 1, TimeSpan.Zero), events[^2].GetProperty("occurredAt").GetDateTimeOffset());
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(100)]
    public void The_titles_stream_keys_spread_evenly_over_four_partitions(int titles)
    {
        var seed = new QuerySeed("d92784", titles, 2025);
        using var slabs = new SlabBuffer();

        var perPartition = Enumerable.Range(0, QuerySeed.Devices).SelectMany(h => seed.Hour(h, 500, slabs)).SelectMany(b => JsonDocument.Parse(b.Body).RootElement.EnumerateArray()
                .Where(e => e.GetProperty("type").GetString() == "play")
                .Select(e => PlaybackPartitioning.PartitionOf(e.GetProperty("customerId").GetString()!, e.GetProperty("deviceId").GetString()!,
                    e.GetProperty("titleId").GetString()!, 4)))
            .CountBy(p => p).OrderBy(p => p.Key).Select(p => p.Value).ToList();

        // A quarter of the title × device keys each (ids that repeat the title's number in the customer id all hashed to partition 0).
        Assert.Equal([titles * 2, titles * 2, titles * 2, titles * 2], perPartition);
    }
}
