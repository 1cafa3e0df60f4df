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

    [Fact]
    public async Task A_counter_hash_is_one_write_in_the_append_only_file_whatever_its_fields()
    {
        await using var own = new OwnRedis();
        await own.StartAsync();
        using var redis = await ConnectionMultiplexer.ConnectAsync(own.Configuration);
        var store = new PartitionStore(redis);
        var first = new PartitionCommit([_keys.BatchMarker(Partition, Guid.NewGuid())], TimeSpan.FromMinutes(30), TimeSpan.FromHours(2));
        first.Increment(Key("minutes"), "t0", 5, CounterMode.Sum);
        first.Increment(Key("minutes"), "t1", 5, CounterMode.Sum);
        Assert.Equal(CommitOutcome.Applied, await store.CommitAsync(first));
        var second = new PartitionCommit([_keys.BatchMarker(Partition, Guid.NewGuid())], TimeSpan.FromMinutes(30), TimeSpan.FromHours(2));
        for (var i = 0; i < 40; i++) second.Increment(Key("minutes"), $"t{i}", i + 1, CounterMode.Sum);
        second.Increment(Key("sparse"), "a", 2, CounterMode.Sparse);
        Assert.Equal(CommitOutcome.Applied, await store.CommitAsync(second));

        // What the file got: the commands in RESP, one "*n" line each, then "$len" and the argument per argument.
        var commands = AppendOnlyCommands(own.DataDir);
        Assert.DoesNotContain(commands, c => c[0] == "HINCRBY");
        var writes = commands.Where(c => c.Length > 1 && c[1] == Key("minutes")).ToList();
        Assert.Equal(["HSET", "HSET"], writes.Select(c => c[0]));
        Assert.Equal(["HSET", Key("minutes"), "t0", "5", "t1", "5"], writes[0]);
        // 40 fields in one command: t0 and t1 at 5 + 1 and 5 + 2, the others at i + 1.
        var write = writes[1];
        Assert.Equal(2 + 2 * 40, write.Length);
        Assert.Equal(["t0", "6", "t1", "7", "t2", "3"], write[2..8]);
        Assert.Equal(["t39", "40"], write[^2..]);
        Assert.Equal(["HSET", Key("sparse"), "a", "2"], Assert.Single(commands, c => c.Length > 1 && c[1] == Key("sparse")));
    }

    private static List<string[]> AppendOnlyCommands(string dataDir)
    {
        var commands = new List<string[]>();
        foreach (var file in Directory.GetFiles(dataDir, "*.aof", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(file);
            while (reader.ReadLine() is { } line)
            {
                if (!line.StartsWith('*')) continue;
                var command = new string[int.Parse(line[1..], System.Globalization.CultureInfo.InvariantCulture)];
                for (var i = 0; i < command.Length; i++)
                {
                    reader.ReadLine(); // $len
                    command[i] = reader.ReadLine()!;
                }
                commands.Add(command);
            }
        }
        return commands;
    }
}
