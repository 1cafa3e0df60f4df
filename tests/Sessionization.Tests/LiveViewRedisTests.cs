using StackExchange.Redis;
using Streaming.Contracts.Playback;
using Streaming.PartitionedState.Layouts;
using Streaming.Sessionization.Storage;

namespace Streaming.Sessionization.Tests;

/// <summary>
/// What a commit leaves in the live view, against the real Redis, with the commit clock in the test's hands. Times are
/// seconds after T0 = 2026-11-02T10:00:00Z; customer c1 watches title t1 on device tv unless said otherwise.
/// </summary>
[Collection(RealDependenciesCollection.Name)]
public sealed class LiveViewRedisTests(RealDependencies deps)
{
    private const int Partition = 2;
    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-11-02T10:00:00Z");
    private readonly string _ns = RealDependencies.NewNamespace("live") + ".";
    private readonly FakeTimeProvider _clock = new(T0);

    private IDatabase Redis => deps.Redis.GetDatabase();

    private BatchProcessor NewProcessor() => Processors.New(deps.Redis, _ns, _clock);

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

    /// <summary>Commits the events as one message at <paramref name="atSeconds"/> on the commit clock.</summary>
    private async Task CommitAt(BatchProcessor processor, double atSeconds, Guid messageId, params PlaybackEvent[] events)
    {
        _clock.SetUtcNow(T0.AddSeconds(atSeconds));
        var batch = new PlaybackEventsAccepted { Partition = Partition, AcceptedAt = _clock.GetUtcNow(), Events = events };
        await processor.ProcessAsync(batch, messageId, _ => Task.CompletedTask);
    }

    private Task CommitAt(BatchProcessor processor, double atSeconds, params PlaybackEvent[] events) =>
        CommitAt(processor, atSeconds, Guid.NewGuid(), events);

    private static long Ms(double seconds) => T0.AddSeconds(seconds).ToUnixTimeMilliseconds();

    private async Task<Dictionary<string, long>> Playing(string key) =>
        (await Redis.SortedSetRangeByRankWithScoresAsync(key)).ToDictionary(e => (string)e.Element!, e => (long)e.Score);

    private Task<Dictionary<string, long>> PlayingAll() => Playing(LiveLayout.PlayingAll(_ns, Partition));

    private Task<Dictionary<string, long>> PlayingTitle(string title = "t1") => Playing(LiveLayout.PlayingTitle(_ns, Partition, title));

    private async Task<Dictionary<string, long>> Second(double atSeconds) =>
        (await Redis.HashGetAllAsync(LiveLayout.Second(_ns, Partition, T0.AddSeconds(atSeconds).ToUnixTimeSeconds())))
        .ToDictionary(h => (string)h.Name!, h => (long)h.Value);

    private const string AllMember = "c1\u001ftv\u001ft1";
    private const string TitleMember = "c1\u001ftv";

    [Fact]
    public void Members_are_the_stream_key_in_the_all_titles_set_and_customer_and_device_in_a_title_set()
    {
        Assert.Equal(AllMember, LiveLayout.AllMember("c1", "tv", "t1"));
        Assert.Equal(SessionKeys.StreamKey("c1", "tv", "t1"), LiveLayout.AllMember("c1", "tv", "t1"));
        Assert.Equal(TitleMember, LiveLayout.TitleMember("c1", "tv"));
    }

    [Fact]
    public async Task A_playing_stream_is_in_both_sets_until_its_latest_event_plus_the_maximum_gap()
    {
        await CommitAt(NewProcessor(), 40.25, Ev("a", "play", 0), Ev("b", "heartbeat", 30));

        // Heartbeat at 30 s + 120 s = 150 s.
        Assert.Equal(new Dictionary<string, long> { [AllMember] = Ms(150) }, await PlayingAll());
        Assert.Equal(new Dictionary<string, long> { [TitleMember] = Ms(150) }, await PlayingTitle());
        Assert.Equal(new Dictionary<string, long> { ["all"] = 2, ["title:t1"] = 2 }, await Second(40));
        Assert.InRange((await Redis.KeyTimeToLiveAsync(LiveLayout.Second(_ns, Partition, T0.AddSeconds(40).ToUnixTimeSeconds())))!.Value,
            TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(10));
        Assert.InRange((await Redis.KeyTimeToLiveAsync(LiveLayout.PlayingTitle(_ns, Partition, "t1")))!.Value,
            TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(60));
    }

    [Theory]
    [InlineData("stop")]
    [InlineData("pause")]
    public async Task A_later_stop_or_pause_removes_it_and_a_late_heartbeat_before_that_does_not_bring_it_back(string type)
    {
        var processor = NewProcessor();
        await CommitAt(processor, 40, Ev("a", "play", 0), Ev("b", "heartbeat", 30));
        await CommitAt(processor, 70, Ev("c", type, 60));

        Assert.Empty(await PlayingAll());
        Assert.Empty(await PlayingTitle());

        // Happened at 50 s, before the stop, arrives after it: merged (it is counted as applied), but the stop stays latest.
        await CommitAt(processor, 75, Ev("late", "heartbeat", 50));
        // A restarted processor reads the timeline from Redis and decides alike.
        await CommitAt(NewProcessor(), 76, Ev("later", "heartbeat", 55));

        Assert.Empty(await PlayingAll());
        Assert.Empty(await PlayingTitle());
        Assert.Equal(new Dictionary<string, long> { ["all"] = 1, ["title:t1"] = 1 }, await Second(75));
        Assert.Equal(new Dictionary<string, long> { ["all"] = 1, ["title:t1"] = 1 }, await Second(76));
    }

    [Fact]
    public async Task A_redelivered_batch_changes_neither_the_sets_nor_the_second_counts()
    {
        var processor = NewProcessor();
        var playId = Guid.NewGuid();
        var play = new[] { Ev("a", "play", 0), Ev("b", "heartbeat", 30) };
        await CommitAt(processor, 40, playId, play);
        await CommitAt(processor, 70, Ev("c", "stop", 60));

        // The first message comes back after the stop, within the same second as the stop's commit, to a new process.
        await CommitAt(NewProcessor(), 70.5, playId, play);
        await CommitAt(processor, 70.6, playId, play);

        Assert.Empty(await PlayingAll());
        Assert.Equal(new Dictionary<string, long> { ["all"] = 2, ["title:t1"] = 2 }, await Second(40));
        Assert.Equal(new Dictionary<string, long> { ["all"] = 1, ["title:t1"] = 1 }, await Second(70));
    }

    [Fact]
    public async Task A_commit_that_adds_to_a_set_prunes_it()
    {
        var processor = NewProcessor();
        await CommitAt(processor, 10, Ev("a", "play", 0), Ev("p2", "play", 5, device: "phone"));
        // At 130 s: tv's play (0 s) stopped counting at 120 s, the phone's (5 s) counts until 125 s: both pruned from
        // the all-titles set when a commit adds t2's stream to it; t1's set is left as it was (nothing added to it).
        await CommitAt(processor, 130, Ev("x", "play", 128, title: "t2"));

        Assert.Equal(new Dictionary<string, long> { ["c1\u001ftv\u001ft2"] = Ms(248) }, await PlayingAll());
        Assert.Equal(2, (await PlayingTitle()).Count);
        Assert.Equal(new Dictionary<string, long> { [TitleMember] = Ms(248) }, await PlayingTitle("t2"));

        // A commit adding to t1's set prunes it too: the tv heartbeat at 129 s is added, the phone is gone.
        await CommitAt(processor, 131, Ev("b", "heartbeat", 129));
        Assert.Equal(new Dictionary<string, long> { [TitleMember] = Ms(249) }, await PlayingTitle());
        Assert.Equal(new Dictionary<string, long> { ["all"] = 1, ["title:t1"] = 1 }, await Second(131));
        Assert.Equal(new Dictionary<string, long> { ["all"] = 2, ["title:t1"] = 2 }, await Second(10));
    }

    [Fact]
    public async Task Old_events_replayed_now_add_nobody_but_are_counted_as_applied()
    {
        // Last year's backfill: the events are not playing now.
        await CommitAt(NewProcessor(), 40, Ev("a", "play", -86_400 * 365), Ev("b", "heartbeat", -86_400 * 365 + 30));

        Assert.Empty(await PlayingAll());
        Assert.Empty(await PlayingTitle());
        Assert.Equal(new Dictionary<string, long> { ["all"] = 2, ["title:t1"] = 2 }, await Second(40));
    }
}
