using StackExchange.Redis;

namespace Streaming.FaultSuite.Harness;

/// <summary>The events the services applied, from their per-partition stats hashes (docs/metrics.md, Operational counters).</summary>
public readonly record struct Applied(long Playback, long Subscriptions, long Late)
{
    public long Total => Playback + Subscriptions;
}

public static class StatsReader
{
    /// <summary>Sums <c>applied</c> and <c>late</c> of <c>{ns}perf:{p}:stats</c> and <c>{ns}chan:{p}:stats</c>; null while Redis does not answer.</summary>
    public static async Task<Applied?> ReadAsync(SuiteSettings settings)
    {
        try
        {
            await using var redis = await ConnectionMultiplexer.ConnectAsync($"{settings.Redis},connectTimeout=2000,abortConnect=true");
            var db = redis.GetDatabase();
            long playback = 0, subscriptions = 0, late = 0;
            for (var p = 0; p < settings.Partitions; p++)
            {
                var perf = await db.HashGetAsync($"{SuiteSettings.Namespace}.perf:{{{p}}}:stats", ["applied", "late"]);
                var chan = await db.HashGetAsync($"{SuiteSettings.Namespace}.chan:{{{p}}}:stats", ["applied", "late"]);
                playback += (long?)perf[0] ?? 0;
                subscriptions += (long?)chan[0] ?? 0;
                late += ((long?)perf[1] ?? 0) + ((long?)chan[1] ?? 0);
            }
            return new Applied(playback, subscriptions, late);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return null;
        }
    }
}
