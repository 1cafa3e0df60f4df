using StackExchange.Redis;
using Streaming.Contracts.Playback;
using Streaming.Contracts.Sessionization;
using Streaming.PartitionedState.Layouts;
using Streaming.Sessionization.Storage;

namespace Streaming.Sessionization.Tests;

/// <summary>The batch processor against the real Redis: what a redelivery, a client retry or a restart leaves behind.</summary>
[Collection(RealDependenciesCollection.Name)]
public sealed class BatchProcessorRedisTests(RealDependencies deps)
{
    private const int Partition = 1;
    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-11-02T10:00:00Z");
    private readonly string _ns = RealDependencies.NewNamespace("proc") + ".";
    private readonly List<StreamActivityRecorded> _published = [];

    private BatchProcessor NewProcessor() => Processors.New(deps.Redis, _ns, TimeProvider.System);

    private static PlaybackEvent Ev(string id, string type, int seconds, string device = "tv", string title = "t1") => new()
    {
        EventId = id,
        Type = type,
        OccurredAt = T0.AddSeconds(seconds),
        CustomerId = "c1",
        DeviceId = device,
        TitleId = title,
        Marketplace = "US",
        Offer = "prime",
    };

    private static PlaybackEventsAccepted Batch(params PlaybackEvent[] events) =>
        new() { Partition = Partition, AcceptedAt = DateTimeOffset.UtcNow, Events = events };

    /// <summary>Processes the batch and waits for its facts, which are published after the batch is done.</summary>
    private async Task Process(BatchProcessor processor, PlaybackEventsAccepted batch, Guid? id = null)
    {
        await processor.ProcessAsync(batch, id ?? Guid.NewGuid(), facts => { _published.Add(facts.ToUnpacked()); return Task.CompletedTask; });
        await processor.FactsSentAsync(batch.Partition);
    }

    private async Task<(long Watched, long Streams)> TitleTotals(string title = "t1")
    {
        var hash = await deps.Redis.GetDatabase().HashGetAllAsync(PerformanceCounterLayout.Titles(_ns, Partition));
        var values = hash.ToDictionary(h => (string)h.Name!, h => (long)h.Value);
        return (values.GetValueOrDefault("m:" + title), values.GetValueOrDefault("s:" + title));
    }

    private async Task<Dictionary<string, long>> Stats()
    {
        var hash = await deps.Redis.GetDatabase().HashGetAllAsync(PerformanceCounterLayout.StatsKey(_ns, Partition));
        return hash.ToDictionary(h => (string)h.Name!, h => (long)h.Value);
    }

    [Fact]
    public async Task Batch_writes_day_counters_title_totals_and_stats()
    {
        await Process(NewProcessor(), Batch(Ev("a", "play", 0), Ev("b", "heartbeat", 30), Ev("c", "heartbeat", 60)));

        var day = await deps.Redis.GetDatabase().HashGetAllAsync(
            PerformanceCounterLayout.TitleDay(_ns, Partition, "t1", new DateOnly(2026, 11, 2)));
        // 10:00 UTC is quarter 40 of the day.
        Assert.Equal(new Dictionary<string, long> { ["40|prime|US|m"] = 60_000, ["40|prime|US|s"] = 1 },
            day.ToDictionary(h => (string)h.Name!, h => (long)h.Value));
        Assert.Equal((60_000, 1), await TitleTotals());
        Assert.Equal(new Dictionary<string, long> { ["processed"] = 3, ["applied"] = 3, ["duplicates"] = 0, ["late"] = 0, ["over_limit"] = 0 }, await Stats());
        // The timeline outlives its last change by the 25-hour state retention (plus the 1-hour renewal interval).
        var timelineKey = new SessionKeys(_ns).Timeline(Partition, SessionKeys.StreamKey("c1", "tv", "t1"));
        Assert.InRange((await deps.Redis.GetDatabase().KeyTimeToLiveAsync(timelineKey))!.Value, TimeSpan.FromHours(25.9), TimeSpan.FromHours(26));
        // No per-key version: the partition's fence guards the commit.
        Assert.False(await deps.Redis.GetDatabase().HashExistsAsync(timelineKey, Streaming.PartitionedState.Storage.TimelineHash.VersionField));
    }

    private async Task<Dictionary<string, string>> DayVersions() =>
        (await deps.Redis.GetDatabase().HashGetAllAsync(PerformanceCounterLayout.DayVersions(_ns, Partition)))
        .ToDictionary(h => (string)h.Name!, h => (string)h.Value!);

    [Fact]
    public async Task Each_batch_gives_the_days_it_changes_a_new_version_and_a_redelivery_gives_none()
    {
        var processor = NewProcessor();
        // A play at 23:59:30 on November 2, heartbeats at 00:00:00 and 00:00:30: 30 s watched on each day.
        var first = Batch(Ev("a", "play", 50_370), Ev("b", "heartbeat", 50_400), Ev("c", "heartbeat", 50_430));
        var firstId = Guid.NewGuid();
        await Process(processor, first, firstId);
        var afterFirst = await DayVersions();
        Assert.Equal(["20261102", "20261103", PerformanceCounterLayout.TitlesVersionField], afterFirst.Keys.Order());
        Assert.Equal(afterFirst["20261102"], afterFirst["20261103"]); // one batch, one version
        Assert.Equal(afterFirst["20261102"], afterFirst[PerformanceCounterLayout.TitlesVersionField]); // and the title totals it changed
        Assert.Matches("^[0-9a-f]{32}$", afterFirst["20261102"]);

        await Process(processor, first, firstId); // the same message again: applied before, nothing written
        Assert.Equal(afterFirst, await DayVersions());

        await Process(processor, Batch(Ev("d", "heartbeat", 50_460))); // 00:00:30–00:01:00, November 3 only
        var afterSecond = await DayVersions();
        Assert.Equal(afterFirst["20261102"], afterSecond["20261102"]);
        Assert.NotEqual(afterFirst["20261103"], afterSecond["20261103"]);
        Assert.Equal(afterSecond["20261103"], afterSecond[PerformanceCounterLayout.TitlesVersionField]);
    }

    [Fact]
    public async Task A_stream_key_keeps_at_most_MaxEventsPerKey_events_and_counts_the_rest_as_over_the_limit()
    {
        var processor = Processors.New(deps.Redis, _ns, TimeProvider.System, options: new SessionizationOptions { MaxEventsPerKey = 10 });

        // A play and 14 heartbeats 30 s apart: the first ten are kept (9 gaps × 30 s), the last five refused.
        await Process(processor, Batch([Ev("p", "play", 0), .. Enumerable.Range(1, 14).Select(i => Ev($"h{i}", "heartbeat", 30 * i))]));
        Assert.Equal((270_000, 1), await TitleTotals());
        Assert.Equal(new Dictionary<string, long> { ["processed"] = 15, ["applied"] = 10, ["duplicates"] = 0, ["late"] = 0, ["over_limit"] = 5 }, await Stats());

        // A heartbeat at 3,700 s moves the 60-minute horizon to 100 s: four events would be pruned, so the full key takes
        // it. Its gap of 3,430 s after the heartbeat at 270 s counts the 120 s maximum gap.
        await Process(processor, Batch(Ev("later", "heartbeat", 3_700)));
        Assert.Equal((390_000, 1), await TitleTotals());
        Assert.Equal(5, (await Stats())["over_limit"]);
    }

    [Fact]
    public async Task Redelivered_batch_changes_nothing_and_republishes_no_new_facts()
    {
        var processor = NewProcessor();
        var id = Guid.NewGuid();
        var batch = Batch(Ev("a", "play", 0), Ev("b", "heartbeat", 30));
        await Process(processor, batch, id);
        await Process(processor, batch, id);

        Assert.Equal((30_000, 1), await TitleTotals());
        Assert.Equal(2, (await Stats())["processed"]);
        var facts = Assert.Single(_published);
        Assert.Equal(id, facts.BatchId);
        var item = Assert.Single(facts.Items);
        Assert.Equal((1, 30_000L, T0), (item.StreamsDelta, item.WatchedMillisecondsDelta, item.HourStart));
    }

    [Fact]
    public async Task Client_retry_in_a_new_message_counts_its_events_as_duplicates()
    {
        var processor = NewProcessor();
        await Process(processor, Batch(Ev("a", "play", 0), Ev("b", "heartbeat", 30)));
        await Process(processor, Batch(Ev("a", "play", 0), Ev("b", "heartbeat", 30), Ev("c", "heartbeat", 60)));

        Assert.Equal((60_000, 1), await TitleTotals());
        var stats = await Stats();
        Assert.Equal((5, 3, 2), (stats["processed"], stats["applied"], stats["duplicates"]));
    }

    [Fact]
    public async Task Restarted_processor_continues_streams_from_redis()
    {
        await Process(NewProcessor(), Batch(Ev("a", "play", 0), Ev("b", "heartbeat", 30)));
        // A new process: empty cache. The heartbeat at 60 s continues the stream (no second opening), and a repeat
        // of "b" is recognised from the stored timeline.
        await Process(NewProcessor(), Batch(Ev("b", "heartbeat", 30), Ev("c", "heartbeat", 60)));

        Assert.Equal((60_000, 1), await TitleTotals());
    }

    [Fact]
    public async Task Two_processors_on_one_partition_never_lose_an_update()
    {
        // Each has its own cache; the version check makes the stale one reload instead of overwriting.
        var first = NewProcessor();
        var second = NewProcessor();
        await Process(first, Batch(Ev("a", "play", 0)));
        await Process(second, Batch(Ev("b", "heartbeat", 30)));
        await Process(first, Batch(Ev("c", "heartbeat", 60)));
        await Process(second, Batch(Ev("d", "heartbeat", 90)));

        Assert.Equal((90_000, 1), await TitleTotals());
    }

    [Fact]
    public async Task Stream_spanning_the_lateness_window_prunes_and_still_counts_exactly()
    {
        var processor = NewProcessor();
        // Heartbeats every 60 s for 3 hours, in batches of 10: one stream, 10,800 s watched.
        var events = Enumerable.Range(0, 181).Select(i => Ev($"e{i}", i == 0 ? "play" : "heartbeat", i * 60)).ToList();
        foreach (var chunk in events.Chunk(10)) await Process(processor, Batch(chunk));
        // A restart then a late (within an hour) heartbeat at 10,770 s: splits the last minute into two halves, no change.
        await Process(NewProcessor(), Batch(Ev("late", "heartbeat", 10_770)));

        Assert.Equal((10_800_000, 1), await TitleTotals());
        var fields = await deps.Redis.GetDatabase().HashKeysAsync(new SessionKeys(_ns).Timeline(Partition, SessionKeys.StreamKey("c1", "tv", "t1")));
        Assert.InRange(fields.Count(f => ((string)f!).StartsWith("e:", StringComparison.Ordinal)), 60, 63);
    }

    [Fact]
    public async Task Messages_applied_together_are_each_recognised_when_redelivered_in_other_company()
    {
        var processor = NewProcessor();
        var (m1, m2, m3) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var first = Batch(Ev("a", "play", 0), Ev("b", "heartbeat", 30));
        var second = Batch(Ev("c", "heartbeat", 60));
        var third = Batch(Ev("d", "heartbeat", 90));
        async Task Run(params (Guid Id, PlaybackEventsAccepted Batch)[] messages)
        {
            await processor.ProcessAsync(Partition, messages.Select(m => new BatchMessage(m.Id, m.Batch)).ToList(),
                facts => { _published.Add(facts.ToUnpacked()); return Task.CompletedTask; });
            await processor.FactsSentAsync(Partition);
        }

        await Run((m1, first), (m2, second));
        await Run((m2, second));               // redelivered alone: nothing
        await Run((m1, first), (m3, third));   // one old, one new: only the new one counts

        Assert.Equal((90_000, 1), await TitleTotals());
        var stats = await Stats();
        Assert.Equal((4, 4, 0), (stats["processed"], stats["applied"], stats["duplicates"]));
        Assert.Equal(2, _published.Count);
    }
}
