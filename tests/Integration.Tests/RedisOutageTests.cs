using System.Diagnostics;
using StackExchange.Redis;
using Streaming.Contracts.Playback;

namespace Streaming.Integration.Tests;

/// <summary>
/// Sessionization rides out a Redis outage (its own Redis, stopped by the project's script and started again): the
/// messages that arrive meanwhile wait in their queues or in the consumer's retry, none goes to _error, and once Redis
/// is back every number is exact. The retry waits are short here (capped at 2 s) so the test does not wait for the
/// default 30 s cap; the policy itself is the one every service runs.
/// </summary>
public sealed class RedisOutageTests(RealDependencies deps) : IClassFixture<RealDependencies>
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_30_second_redis_outage_sends_nothing_to_error_and_every_number_comes_out_exact()
    {
        await using var redis = new OwnRedis();
        await redis.StartAsync();
        await using var pipeline = new Pipeline(deps, "redisout", ownRedis: redis, configureHost: Pipeline.ShortOutageRetries);
        pipeline.StartSessionization();
        var events = TwoTitles();
        await pipeline.RegisterCatalogAsync(events.Select(e => (string)e["titleId"]!)); // before the outage, as an operator does
        await pipeline.PostAsync(events.Take(6).ToList());
        await pipeline.WaitForProcessedAsync(6);

        await redis.StopAsync();
        // Six more requests while Redis is away: ingest needs only the broker, so it accepts them.
        foreach (var e in events.Skip(6)) await pipeline.PostAsync(new[] { e });
        await Task.Delay(Outage);
        Assert.Equal(0, await ErrorMessagesAsync(pipeline));
        await redis.StartAsync();
        var back = Stopwatch.StartNew();
        await Eventually.UntilAsync(() => AnswersAsync(pipeline.Redis), "the test's own Redis client to reconnect");

        await pipeline.WaitForProcessedAsync(12);
        Console.WriteLine($"Redis outage of {Outage.TotalSeconds:0} s: all 12 events counted {back.Elapsed.TotalSeconds:0.0} s after Redis was back");
        // A 2.00 min / 3 streams, B 3.75 min / 1 stream (EndToEndTests' TwoTitles), each event once.
        Assert.Equal("""{"minutesStreamed":5.75,"uniqueStreams":4}""", Pipeline.Compact((await pipeline.QueryAsync(TwoTitlesQuery))["totals"]));
        Assert.Equal(0, await ErrorMessagesAsync(pipeline));
    }

    private static async Task<bool> AnswersAsync(IConnectionMultiplexer redis)
    {
        try
        {
            await redis.GetDatabase().PingAsync();
            return true;
        }
        catch (RedisException)
        {
            return false;
        }
    }

    /// <summary>Messages in the partitions' _error queues (a queue that does not exist holds none).</summary>
    private async Task<long> ErrorMessagesAsync(Pipeline pipeline)
    {
        long sum = 0;
        for (var p = 0; p < Pipeline.Partitions; p++)
        {
            sum += await deps.QueueMessagesAsync(PlaybackPartitioning.QueueName(pipeline.Namespace + ".", p) + "_error") ?? 0;
        }
        return sum;
    }
}
