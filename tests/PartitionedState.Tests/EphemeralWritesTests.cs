using StackExchange.Redis;
using Streaming.PartitionedState.Storage;

namespace Streaming.PartitionedState.Tests;

/// <summary>
/// Ephemeral counter hashes and sorted sets (the live view) are committed with the rest but left out of the
/// append-only file: a Redis killed and restarted by the project's script has everything else, exactly, and not them.
/// </summary>
public sealed class EphemeralWritesTests
{
    private const int Partition = 1;
    private readonly PartitionKeys _keys = new("ephemeral.", "toy");

    private string Key(string name) => _keys.Prefix(Partition) + name;

    [Fact]
    public async Task Ephemeral_writes_are_applied_but_a_restart_from_the_append_only_file_has_only_the_others()
    {
        await using var own = new OwnRedis();
        await own.StartAsync();
        var message = Guid.NewGuid();
        var timeline = _keys.Timeline(Partition, "k1");
        var live = CounterMode.Expiring(TimeSpan.FromMinutes(10)) with { Ephemeral = true };
        using (var redis = await ConnectionMultiplexer.ConnectAsync(own.Configuration))
        {
            var commit = new PartitionCommit([_keys.BatchMarker(Partition, message)], TimeSpan.FromMinutes(30), TimeSpan.FromHours(2));
            commit.AddTimeline(timeline, TimelineTtl.Renew, [new("mx", "5000"), new("e:a", "5000")], []);
            // In this order: a durable hash after an ephemeral one, and an ephemeral set last, before the markers.
            commit.Increment(Key("minutes"), "t1", 7, CounterMode.Sum);
            commit.Increment(Key("second"), "all", 3, live);
            commit.Increment(Key("streams"), "t1", 2, CounterMode.Sum);
            commit.SetField(Key("outbox"), "b1", "facts");
            commit.SortedSet(Key("kept"), dropAtOrBelow: null, TimeSpan.FromMinutes(5)).Add("m2", 200);
            commit.SortedSet(Key("playing"), dropAtOrBelow: null, TimeSpan.FromMinutes(5), ephemeral: true).Add("m1", 100);
            Assert.Equal(CommitOutcome.Applied, await new PartitionStore(redis).CommitAsync(commit));

            var db = redis.GetDatabase();
            Assert.Equal(3, (long)await db.HashGetAsync(Key("second"), "all"));
            Assert.Equal(100, await db.SortedSetScoreAsync(Key("playing"), "m1"));
        }

        await own.KillAsync();
        await own.StartAsync();

        using var restarted = await ConnectionMultiplexer.ConnectAsync(own.Configuration);
        var after = restarted.GetDatabase();
        Assert.Equal("5000", (string?)await after.HashGetAsync(timeline, "e:a"));
        Assert.Equal(7, (long)await after.HashGetAsync(Key("minutes"), "t1"));
        Assert.Equal(2, (long)await after.HashGetAsync(Key("streams"), "t1"));
        Assert.Equal("facts", (string?)await after.HashGetAsync(Key("outbox"), "b1"));
        Assert.Equal(200, await after.SortedSetScoreAsync(Key("kept"), "m2"));
        Assert.True(await after.KeyExistsAsync(_keys.BatchMarker(Partition, message)));
        Assert.False(await after.KeyExistsAsync(Key("second")));
        Assert.False(await after.KeyExistsAsync(Key("playing")));
    }
}
