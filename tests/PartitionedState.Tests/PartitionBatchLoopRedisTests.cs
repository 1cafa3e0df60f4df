using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using Streaming.PartitionedState.Processing;
using Streaming.PartitionedState.Storage;
using Streaming.ServiceDefaults;
using static Streaming.PartitionedState.Tests.Toy;

namespace Streaming.PartitionedState.Tests;

/// <summary>The optimistic loop with toy timelines against the real Redis: conflicts, applied markers, the cache.</summary>
[Collection(RealDependenciesCollection.Name)]
public sealed class PartitionBatchLoopRedisTests(RealDependencies deps)
{
    private const int Partition = 1;
    private readonly PartitionKeys _keys = new(RealDependencies.NewNamespace("loop") + ".", "toy");
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-11-02T10:00:00Z"));

    private IDatabase Db => deps.Redis.GetDatabase();

    private PartitionBatchLoop<ToyTimeline> NewLoop() => new(
        new PartitionStore(deps.Redis), new TimelineCache<ToyTimeline>(100), h => TimelineHash.Decode(h, ToyFormat.Instance),
        _clock, NullLogger.Instance);

    /// <summary>A build that applies <paramref name="arrivals"/> to the one timeline and counts its gaps into "counts".</summary>
    private Func<IReadOnlyList<StoredTimeline<ToyTimeline>>, DateTimeOffset, PartitionCommit> Build(
        Guid message, string key, Action? beforeCommit = null, params Toy[] arrivals) => (timelines, _) =>
    {
        var commit = new PartitionCommit([_keys.BatchMarker(Partition, message)], TimeSpan.FromHours(1), TimeSpan.FromHours(2));
        var stored = timelines[0];
        var change = stored.Timeline.Apply(arrivals, new GapFold(100), new Dictionary<string, long>(), int.MaxValue);
        var (sets, deletes) = TimelineHash.Changes(stored.Timeline, change, ToyFormat.Instance);
        commit.AddTimeline(key, stored.Version, TimelineTtl.Renew, sets, deletes);
        foreach (var (field, by) in change.Delta) commit.Increment(_keys.Prefix(Partition) + "counts", field, by, CounterMode.Sparse);
        beforeCommit?.Invoke();
        return commit;
    };

    private async Task<Dictionary<string, long>> Counts() =>
        (await Db.HashGetAllAsync(_keys.Prefix(Partition) + "counts")).ToDictionary(h => (string)h.Name!, h => (long)h.Value);

    [Fact]
    public async Task A_timeline_that_moved_under_the_cache_is_read_again_and_the_batch_counted_once()
    {
        var loop = NewLoop();
        var key = _keys.Timeline(Partition, "k");
        await loop.RunAsync(Partition, [_keys.BatchMarker(Partition, Guid.NewGuid())], [key], Build(Guid.NewGuid(), key, null, At("a", 10)));
        // Another writer adds an event and moves the version: the cached timeline (version 1) is stale.
        await Db.HashSetAsync(key, [new("v", 2), new("e:z", 5000)]);
        var builds = 0;

        var message = Guid.NewGuid();
        var run = await loop.RunAsync(Partition, [_keys.BatchMarker(Partition, message)], [key],
            (t, now) => { builds++; return Build(message, key, null, At("b", 20))(t, now); });

        Assert.Equal((true, 1, 2), (run.Committed, run.Conflicts, builds));
        Assert.Equal("3", (string?)await Db.HashGetAsync(key, "v"));
        // Counted from the stored history 5, 10, 20: the rebuilt batch saw z; the counts hold a's start and b's gap only.
        Assert.Equal(new Dictionary<string, long> { ["starts"] = 1, ["gap"] = 10 }, await Counts());
    }

    [Fact]
    public async Task A_batch_with_an_applied_message_commits_nothing_and_says_which()
    {
        var (applied, fresh) = (Guid.NewGuid(), Guid.NewGuid());
        await Db.StringSetAsync(_keys.BatchMarker(Partition, applied), "1");
        var key = _keys.Timeline(Partition, "k");
        var builds = 0;

        var run = await NewLoop().RunAsync(Partition, [_keys.BatchMarker(Partition, applied), _keys.BatchMarker(Partition, fresh)], [key],
            (t, now) => { builds++; return Build(fresh, key, null, At("a", 10))(t, now); });

        Assert.Equal([true, false], run.AppliedBefore);
        Assert.Equal((false, 0), (run.Committed, builds));
        Assert.False(await Db.KeyExistsAsync(key));
    }

    [Fact]
    public async Task A_batch_that_conflicts_every_time_fails_after_the_bounded_attempts_and_writes_nothing()
    {
        var key = _keys.Timeline(Partition, "k");
        var message = Guid.NewGuid();

        // Transient: the consumers' retry policy holds the batch and tries again, as through an outage.
        var error = await Assert.ThrowsAsync<TransientFaultException>(() => NewLoop().RunAsync(
            Partition, [_keys.BatchMarker(Partition, message)], [key],
            Build(message, key, () => Db.HashIncrement(key, "v"), At("a", 10))));

        Assert.Contains("after 5 attempts", error.Message);
        Assert.Equal("5", (string?)await Db.HashGetAsync(key, "v"));
        Assert.Empty(await Counts());
    }
}
