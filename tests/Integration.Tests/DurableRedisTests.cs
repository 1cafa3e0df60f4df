using StackExchange.Redis;

namespace Streaming.Integration.Tests;

/// <summary>
/// Redis as the project's own script starts it (infra/deps.sh), on a port and data directory of this test's: what it
/// acknowledged survives kill -9 and a restart by the same script.
/// </summary>
public sealed class DurableRedisTests
{
    [Fact]
    public async Task An_acknowledged_write_survives_kill_9_and_a_restart_by_the_script()
    {
        await using var own = new OwnRedis();
        await own.StartAsync();
        using (var redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{own.Port},allowAdmin=true"))
        {
            var db = redis.GetDatabase();
            Assert.Equal(5, await db.HashIncrementAsync("counters", "minutes", 5));
            Assert.Equal(7, await db.HashIncrementAsync("counters", "minutes", 2));
            var config = (await redis.GetServer($"127.0.0.1:{own.Port}").ConfigGetAsync("*"))
                .ToDictionary(p => p.Key, p => p.Value);
            Assert.Equal(("yes", "always", "noeviction"), (config["appendonly"], config["appendfsync"], config["maxmemory-policy"]));
        }

        await own.KillAsync();
        await own.StartAsync();

        using var restarted = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{own.Port}");
        Assert.Equal(7, (long)await restarted.GetDatabase().HashGetAsync("counters", "minutes"));
    }
}
