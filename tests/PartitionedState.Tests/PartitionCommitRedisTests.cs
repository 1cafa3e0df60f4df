using StackExchange.Redis;
using Streaming.PartitionedState.Storage;

namespace Streaming.PartitionedState.Tests;

/// <summary>The commit script's sections against the real Redis, and what it refuses.</summary>
[Collection(RealDependenciesCollection.Name)]
public sealed class PartitionCommitRedisTests(RealDependencies deps)
{
    private const int Partition = 3;
    private static readonly TimeSpan MarkerTtl = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan StateTtl = TimeSpan.FromHours(2);
    private readonly PartitionKeys _keys = new(RealDependencies.NewNamespace("core") + ".", "toy");
    private readonly PartitionStore _store = new(deps.Redis);

    private IDatabase Db => deps.Redis.GetDatabase();

    private string Key(string name) => _keys.Prefix(Partition) + name;

    private PartitionCommit NewCommit(Guid message) => new([_keys.BatchMarker(Partition, message)], MarkerTtl, StateTtl);

    private async Task<Dictionary<string, string>> Hash(string key) =>
        (await Db.HashGetAllAsync(key)).ToDictionary(h => (string)h.Name!, h => (string)h.Value!);

    [Fact]
    public async Task A_commit_writes_every_section_and_sets_its_markers()
    {
        var message = Guid.NewGuid();
        var commit = NewCommit(message);
        commit.AddTimeline(_keys.Timeline(Partition, "k1"), TimelineTtl.Renew, [new("mx", "5000"), new("e:a", "5000")], []);
        commit.Increment(Key("sum"), "x", 5, CounterMode.Sum);
        commit.Increment(Key("sum"), "zero", 0, CounterMode.Sum);
        commit.Increment(Key("known"), "k", 0, CounterMode.Known);
        commit.Increment(Key("expiring"), "s", 1, CounterMode.Expiring(TimeSpan.FromMinutes(10)));
        commit.Increment(Key("untouched"), "n", 0, CounterMode.Sum);
        commit.SetField(Key("outbox"), "b1", "payload");
        var set = commit.SortedSet(Key("playing"), dropAtOrBelow: 60, TimeSpan.FromMinutes(5));
        set.Add("m1", 100);
        set.Add("m2", 50);

        Assert.Equal(CommitOutcome.Applied, await _store.CommitAsync(commit));

        var timeline = _keys.Timeline(Partition, "k1");
        Assert.Equal(new Dictionary<string, string> { ["mx"] = "5000", ["e:a"] = "5000" }, await Hash(timeline));
        Assert.InRange((await Db.KeyTimeToLiveAsync(timeline))!.Value, StateTtl - TimeSpan.FromMinutes(1), StateTtl);
        Assert.Equal(new Dictionary<string, string> { ["x"] = "5" }, await Hash(Key("sum")));
        Assert.Equal(new Dictionary<string, string> { ["k"] = "0" }, await Hash(Key("known")));
        Assert.False(await Db.KeyExistsAsync(Key("untouched")));
        Assert.InRange((await Db.KeyTimeToLiveAsync(Key("expiring")))!.Value, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
        Assert.Equal("payload", (string?)await Db.HashGetAsync(Key("outbox"), "b1"));
        // m2 was added at 50, at or below the drop score 60: gone at once.
        Assert.Equal(["m1"], (await Db.SortedSetRangeByRankAsync(Key("playing"))).Select(m => (string)m!));
        Assert.NotNull(await Db.KeyTimeToLiveAsync(Key("playing")));
        Assert.InRange((await Db.KeyTimeToLiveAsync(_keys.BatchMarker(Partition, message)))!.Value, MarkerTtl - TimeSpan.FromMinutes(1), MarkerTtl);
    }

    [Fact]
    public async Task A_commit_whose_marker_exists_or_whose_fence_moved_or_whose_required_timeline_is_gone_writes_nothing()
    {
        var message = Guid.NewGuid();
        var fence = _keys.Fence(Partition);
        var timeline = _keys.Timeline(Partition, "k2");
        PartitionCommit Commit(Guid id, string token, params string[] required)
        {
            var commit = NewCommit(id);
            commit.AddTimeline(timeline, TimelineTtl.Renew, [new("e:" + id.ToString("N")[..4], "1")], []);
            commit.Increment(Key("counts"), "n", 1, CounterMode.Sum);
            commit.Guard(fence, token, required);
            return commit;
        }
        var first = await _store.ClaimAsync(fence);
        Assert.Equal(CommitOutcome.Applied, await _store.CommitAsync(Commit(message, first)));
        var second = await _store.ClaimAsync(fence);

        var (other, another, gone) = (Guid.NewGuid(), Guid.NewGuid(), _keys.Timeline(Partition, "never-written"));
        Assert.Equal(CommitOutcome.AlreadyApplied, await _store.CommitAsync(Commit(message, second)));
        // The first claim was superseded: its holder's cache may be stale.
        Assert.Equal(CommitOutcome.Conflict, await _store.CommitAsync(Commit(other, first)));
        // A timeline the writer holds as stored must still exist (it may have expired).
        var requiringGone = Commit(another, second);
        requiringGone.AddTimeline(gone, TimelineTtl.Renew, [new("e:z", "1")], []);
        requiringGone.Guard(fence, second, [gone]);
        Assert.Equal(CommitOutcome.Conflict, await _store.CommitAsync(requiringGone));

        Assert.Equal(new Dictionary<string, string> { ["n"] = "1" }, await Hash(Key("counts")));
        Assert.Equal(new Dictionary<string, string> { ["e:" + message.ToString("N")[..4]] = "1" }, await Hash(timeline));
        Assert.False(await Db.KeyExistsAsync(gone));
        Assert.False(await Db.KeyExistsAsync(_keys.BatchMarker(Partition, other)));
        Assert.False(await Db.KeyExistsAsync(_keys.BatchMarker(Partition, another)));

        // The current claim, with the existing timeline required, applies.
        Assert.Equal(CommitOutcome.Applied, await _store.CommitAsync(Commit(other, second, timeline)));
        Assert.Equal(new Dictionary<string, string> { ["n"] = "2" }, await Hash(Key("counts")));
    }

    [Fact]
    public async Task Sparse_counters_lose_fields_back_at_zero_and_kept_timelines_never_expire()
    {
        var timeline = _keys.Timeline(Partition, "k3");
        var first = NewCommit(Guid.NewGuid());
        first.AddTimeline(timeline, TimelineTtl.Renew, [new("e:a", "1")], []);
        first.Increment(Key("sparse"), "f", 3, CounterMode.Sparse);
        first.Increment(Key("sparse"), "g", 2, CounterMode.Sparse);
        await _store.CommitAsync(first);
        var second = NewCommit(Guid.NewGuid());
        second.AddTimeline(timeline, TimelineTtl.Keep, [new("e:b", "2")], ["e:a"]);
        second.Increment(Key("sparse"), "f", -3, CounterMode.Sparse);
        await _store.CommitAsync(second);

        Assert.Equal(new Dictionary<string, string> { ["g"] = "2" }, await Hash(Key("sparse")));
        Assert.Equal(new Dictionary<string, string> { ["e:b"] = "2" }, await Hash(timeline));
        Assert.Null(await Db.KeyTimeToLiveAsync(timeline));
    }
}
