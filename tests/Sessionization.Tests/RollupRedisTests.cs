using Streaming.Contracts.Playback;
using Streaming.PartitionedState.Layouts;
using Streaming.PartitionedState.Storage;

namespace Streaming.Sessionization.Tests;

/// <summary>
/// The performance roll-ups against the real Redis: written by the batch's own commit, backfilled from the quarter
/// detail that a partition holds from before roll-ups existed, and always the exact sums of that detail.
/// </summary>
[Collection(RealDependenciesCollection.Name)]
public sealed class RollupRedisTests(RealDependencies deps)
{
    private const int Partition = 1;
    private readonly string _ns = RealDependencies.NewNamespace("rollups") + ".";

    private static PlaybackEvent Ev(string id, string type, DateTimeOffset at, string title, string offer = "prime", string marketplace = "US",
        string customer = "c1") => new()
        {
            EventId = id,
            Type = type,
            OccurredAt = at,
            CustomerId = customer,
            DeviceId = "tv",
            TitleId = title,
            Marketplace = marketplace,
            Offer = offer,
        };

    private static Task Process(BatchProcessor processor, params PlaybackEvent[] events) =>
        processor.ProcessAsync(new PlaybackEventsAccepted { Partition = Partition, AcceptedAt = DateTimeOffset.UtcNow, Events = events },
            Guid.NewGuid(), _ => Task.CompletedTask);

    private async Task<Dictionary<string, long>> Hash(string key) =>
        (await deps.Redis.GetDatabase().HashGetAllAsync(key)).ToDictionary(e => e.Name.ToString(), e => (long)e.Value);

    /// <summary>Every roll-up hash of the partition for these UTC days (and their months), by key.</summary>
    private async Task<Dictionary<string, Dictionary<string, long>>> Rollups(params DateOnly[] days)
    {
        var keys = days.SelectMany(d => new[]
        {
            PerformanceCounterLayout.DayTitles(_ns, Partition, d), PerformanceCounterLayout.AllDayRollup(_ns, Partition, d),
            PerformanceCounterLayout.MonthTitles(_ns, Partition, d.Year, d.Month), PerformanceCounterLayout.AllMonthRollup(_ns, Partition, d.Year, d.Month),
            PerformanceCounterLayout.AllQuarters(_ns, Partition, d),
        }).Distinct();
        var rollups = new Dictionary<string, Dictionary<string, long>>();
        foreach (var key in keys) rollups[key] = await Hash(key);
        return rollups;
    }

    [Fact]
    public async Task Old_layout_detail_is_backfilled_before_the_first_batch_which_then_adds_to_the_roll_ups()
    {
        // Written before roll-ups existed: title old, 2026-11-01 02:00Z (quarter 8), prime/DE, 90,000 ms and 1 stream.
        var db = deps.Redis.GetDatabase();
        var nov1 = new DateOnly(2026, 11, 1);
        await db.HashSetAsync(PerformanceCounterLayout.TitleDay(_ns, Partition, "old", nov1), [new("8|prime|DE|m", 90_000), new("8|prime|DE|s", 1)]);
        await db.HashSetAsync(PerformanceCounterLayout.AllDay(_ns, Partition, nov1), [new("8|prime|DE|m", 90_000), new("8|prime|DE|s", 1)]);
        await db.HashSetAsync(PerformanceCounterLayout.Titles(_ns, Partition), [new("m:old", 90_000), new("s:old", 1)]);
        await db.HashSetAsync(PerformanceCounterLayout.StatsKey(_ns, Partition), [new("processed", 2), new("applied", 2)]);

        // The first batch: t1 plays 60 s on 2026-11-02 from 10:00Z, prime/US.
        var t0 = DateTimeOffset.Parse("2026-11-02T10:00:00Z");
        await Process(Processors.New(deps.Redis, _ns, TimeProvider.System),
            Ev("a", "play", t0, "t1"), Ev("b", "heartbeat", t0.AddSeconds(30), "t1"), Ev("c", "heartbeat", t0.AddSeconds(60), "t1"));

        Assert.Equal(PerformanceCounterLayout.RollupLayout, (string?)await db.StringGetAsync(PerformanceCounterLayout.LayoutKey(_ns, Partition)));
        Assert.Equal(new Dictionary<string, long> { ["m:old"] = 90_000, ["s:old"] = 1, ["m:t1"] = 60_000, ["s:t1"] = 1 },
            await Hash(PerformanceCounterLayout.MonthTitles(_ns, Partition, 2026, 11)));
        Assert.Equal(new Dictionary<string, long> { ["|prime|DE|m"] = 90_000, ["|prime|DE|s"] = 1, ["|prime|US|m"] = 60_000, ["|prime|US|s"] = 1 },
            await Hash(PerformanceCounterLayout.AllMonthRollup(_ns, Partition, 2026, 11)));
        Assert.Equal(new Dictionary<string, long> { ["m:old"] = 90_000, ["s:old"] = 1 },
            await Hash(PerformanceCounterLayout.DayTitles(_ns, Partition, nov1)));
        Assert.Equal(new Dictionary<string, long> { ["|prime|US|m"] = 60_000, ["|prime|US|s"] = 1 },
            await Hash(PerformanceCounterLayout.AllDayRollup(_ns, Partition, new DateOnly(2026, 11, 2))));
        Assert.Equal(new Dictionary<string, long> { ["m:t1"] = 60_000, ["s:t1"] = 1 },
            await Hash(PerformanceCounterLayout.DayTitles(_ns, Partition, new DateOnly(2026, 11, 2))));
        // Quarter totals: the old detail's quarter 8 from the backfill, the batch's 10:00Z (quarter 40) from its commit.
        Assert.Equal(new Dictionary<string, long> { ["8|||m"] = 90_000, ["8|||s"] = 1 },
            await Hash(PerformanceCounterLayout.AllQuarters(_ns, Partition, nov1)));
        Assert.Equal(new Dictionary<string, long> { ["40|||m"] = 60_000, ["40|||s"] = 1 },
            await Hash(PerformanceCounterLayout.AllQuarters(_ns, Partition, new DateOnly(2026, 11, 2))));
    }

    [Fact]
    public async Task Roll_ups_written_batch_by_batch_equal_those_recomputed_from_the_quarter_detail()
    {
        // Three titles, two offers, two marketplaces, three UTC days across a month boundary, in four batches with a
        // repeated event and a late one (order independence changes the detail, the roll-ups must follow).
        var processor = Processors.New(deps.Redis, _ns, TimeProvider.System);
        var days = new[] { new DateOnly(2026, 10, 31), new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 2) };
        var events = new List<PlaybackEvent>();
        var n = 0;
        foreach (var (day, d) in days.Select((day, d) => (day, d)))
        {
            for (var k = 0; k < 6; k++)
            {
                var start = new DateTimeOffset(day.ToDateTime(new TimeOnly(3 * k + d, 7 * k)), TimeSpan.Zero);
                var (title, offer, marketplace) = ($"t{k % 3}", k % 2 == 0 ? "prime" : "avod", k < 3 ? "US" : "DE");
                events.Add(Ev($"e{n++}", "play", start, title, offer, marketplace, $"c{d}{k}"));
                for (var h = 1; h <= 1 + k; h++) events.Add(Ev($"e{n++}", "heartbeat", start.AddSeconds(30 * h), title, offer, marketplace, $"c{d}{k}"));
            }
        }
        var late = events[3];
        events.RemoveAt(3);
        foreach (var chunk in events.Chunk(10)) await Process(processor, [.. chunk, chunk[0]]);
        await Process(processor, late);

        var written = await Rollups(days);
        // Each day's six streams watch 30 s × (1 + ... + 6) = 630,000 ms: November holds two of those days.
        var november = written[PerformanceCounterLayout.MonthTitles(_ns, Partition, 2026, 11)];
        Assert.Equal(1_260_000, november.Where(f => f.Key.StartsWith("m:", StringComparison.Ordinal)).Sum(f => f.Value));
        Assert.Equal(12, november.Where(f => f.Key.StartsWith("s:", StringComparison.Ordinal)).Sum(f => f.Value));
        Assert.Equal(630_000, written[PerformanceCounterLayout.AllDayRollup(_ns, Partition, days[0])].Where(f => f.Key.EndsWith("|m", StringComparison.Ordinal)).Sum(f => f.Value));
        Assert.All(days, d =>
        {
            var quarters = written[PerformanceCounterLayout.AllQuarters(_ns, Partition, d)];
            Assert.Equal(630_000, quarters.Where(f => f.Key.EndsWith("|||m", StringComparison.Ordinal)).Sum(f => f.Value));
            Assert.Equal(6, quarters.Where(f => f.Key.EndsWith("|||s", StringComparison.Ordinal)).Sum(f => f.Value));
        });
        var db = deps.Redis.GetDatabase();
        await db.KeyDeleteAsync(PerformanceCounterLayout.LayoutKey(_ns, Partition));
        foreach (var key in written.Keys) await db.KeyDeleteAsync(key);
        await new PerformanceRollupBackfill(deps.Redis).RunAsync(_ns, Partition);

        Assert.Equal(written, await Rollups(days));
    }

    [Fact]
    public async Task A_partition_that_never_applied_a_batch_is_marked_at_once_without_reading_its_keys()
    {
        // No stats and no title totals: nothing was ever committed here, so the backfill does not scan. A detail hash
        // planted anyway stays unread (with a scan it would become a roll-up of 45,000 ms).
        var db = deps.Redis.GetDatabase();
        var day = new DateOnly(2026, 11, 3);
        await db.HashSetAsync(PerformanceCounterLayout.TitleDay(_ns, Partition, "planted", day), [new("4|prime|US|m", 45_000), new("4|prime|US|s", 1)]);

        Assert.Equal(0, await new PerformanceRollupBackfill(deps.Redis).RunAsync(_ns, Partition));

        Assert.Equal(PerformanceCounterLayout.RollupLayout, (string?)await db.StringGetAsync(PerformanceCounterLayout.LayoutKey(_ns, Partition)));
        Assert.False(await db.KeyExistsAsync(PerformanceCounterLayout.DayTitles(_ns, Partition, day)));
    }
}
