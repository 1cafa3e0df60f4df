using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using Streaming.PartitionedState.Processing;
using Streaming.PartitionedState.Storage;
using Streaming.ServiceDefaults;
using static Streaming.PartitionedState.Tests.Toy;

namespace Streaming.PartitionedState.Tests;

/// <summary>The optimistic loop with toy timelines against the real Redis: the fence, applied markers, the cache, expiry.</summary>
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
        commit.AddTimeline(key, TimelineTtl.Renew, sets, deletes);
        foreach (var (field, by) in change.Delta) commit.Increment(_keys.Prefix(Partition) + "counts", field, by, CounterMode.Sparse);
        beforeCommit?.Invoke();
        return commit;
    };

    private async Task<Dictionary<string, long>> Counts() =>
        (await Db.HashGetAllAsync(_keys.Prefix(Partition) + "counts")).ToDictionary(h => (string)h.Name!, h => (long)h.Value);

    private string Fence => _keys.Fence(Partition);

    [Fact]
    public async Task A_batch_after_another_writer_claimed_the_partition_is_refused_read_again_and_counted_once()
    {
        var (first, second) = (NewLoop(), NewLoop());
        var key = _keys.Timeline(Partition, "k");
        await Run(first, key, At("a", 10));
        // Another process (a replica taking the partition over) claims it and adds an earlier event: first's cache is stale.
        await Run(second, key, At("z", 5));
        Assert.Equal(new Dictionary<string, long> { ["starts"] = 1, ["gap"] = 5 }, await Counts());
        var builds = 0;

        var message = Guid.NewGuid();
        var run = await first.RunAsync(Partition, Fence, [_keys.BatchMarker(Partition, message)], [key],
            (t, now) => { builds++; return Build(message, key, null, At("y", 7))(t, now); });

        Assert.Equal((true, 1, 2), (run.Committed, run.Conflicts, builds));
        // History 5, 7, 10: starts 1, gap 10 - 5. From the stale cache (10 alone), y would have added a gap of 3.
        Assert.Equal(new Dictionary<string, long> { ["starts"] = 1, ["gap"] = 5 }, await Counts());
    }

    [Fact]
    public async Task A_cached_timeline_near_its_expiry_is_checked_and_one_that_expired_is_read_again()
    {
        var loop = NewLoop();
        var key = _keys.Timeline(Partition, "k");
        await Run(loop, key, At("a", 10));
        // The commit renewed the key for the build's state TTL (2 h). Its expiry comes within the margin, and it expires.
        _clock.Advance(TimeSpan.FromHours(2) - PartitionBatchLoop<ToyTimeline>.ExpiryMargin + TimeSpan.FromSeconds(1));
        await Db.KeyDeleteAsync(key);

        var run = await Run(loop, key, At("b", 20));

        Assert.Equal((true, 1), (run.Committed, run.Conflicts));
        // b starts a new history; from the cache (10), it would have counted a gap of 10 into a key rebuilt without a.
        Assert.Equal(new Dictionary<string, long> { ["starts"] = 2 }, await Counts());
        Assert.Equal(["e:b", "mx"], (await Db.HashKeysAsync(key)).Select(f => (string)f!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_cached_timeline_far_from_its_expiry_is_committed_without_a_check()
    {
        var loop = NewLoop();
        var key = _keys.Timeline(Partition, "k");
        await Run(loop, key, At("a", 10));
        _clock.Advance(TimeSpan.FromHours(1));
        // Planted behind the process's back while its claim holds (nothing in the product does this): the cache is trusted.
        await Db.HashSetAsync(key, "e:x", 15000);

        var run = await Run(loop, key, At("b", 20));

        Assert.Equal((true, 0), (run.Committed, run.Conflicts));
        Assert.Equal(new Dictionary<string, long> { ["starts"] = 1, ["gap"] = 10 }, await Counts());
    }

    private async Task<BatchRun> Run(PartitionBatchLoop<ToyTimeline> loop, string key, Toy arrival)
    {
        var message = Guid.NewGuid();
        return await loop.RunAsync(Partition, Fence, [_keys.BatchMarker(Partition, message)], [key], Build(message, key, null, arrival));
    }

    [Fact]
    public async Task A_batch_with_an_applied_message_commits_nothing_and_says_which()
    {
        var (applied, fresh) = (Guid.NewGuid(), Guid.NewGuid());
        await Db.StringSetAsync(_keys.BatchMarker(Partition, applied), "1");
        var key = _keys.Timeline(Partition, "k");
        var builds = 0;

        var run = await NewLoop().RunAsync(Partition, Fence, [_keys.BatchMarker(Partition, applied), _keys.BatchMarker(Partition, fresh)], [key],
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
        var claims = 0;

        // Another writer claims the partition between each build and its commit. Transient: the consumers' retry policy
        // holds the batch and tries again, as through an outage.
        var error = await Assert.ThrowsAsync<TransientFaultException>(() => NewLoop().RunAsync(
            Partition, Fence, [_keys.BatchMarker(Partition, message)], [key],
            Build(message, key, () => Db.StringSet(Fence, $"intruder-{++claims}"), At("a", 10))));

        Assert.Contains("after 5 attempts", error.Message);
        Assert.Equal("intruder-5", (string?)await Db.StringGetAsync(Fence));
        Assert.False(await Db.KeyExistsAsync(key));
        Assert.Empty(await Counts());
    }
}
