using StackExchange.Redis;
using Streaming.PartitionedState.Layouts;

namespace Streaming.Bench.LoadGen.Benchmark;

/// <summary>
/// Reads the <c>processed</c> field of every partition's stats hash, the count of events sessionization has
/// handled. The reads are pipelined on one connection, so a poll costs one round trip.
/// </summary>
public sealed class ProcessedCounter(IDatabase redis, string keyPrefix, int partitions, Func<string, int, string>? statsKey = null)
{
    private readonly RedisKey[] _keys = Enumerable.Range(0, partitions)
        .Select(p => (RedisKey)(statsKey ?? PerformanceCounterLayout.StatsKey)(keyPrefix, p)).ToArray();

    public int Partitions => partitions;

    public async Task<long[]> ReadAsync()
    {
        var reads = new Task<RedisValue>[_keys.Length];
        for (var p = 0; p < _keys.Length; p++)
        {
            reads[p] = redis.HashGetAsync(_keys[p], PerformanceCounterLayout.Stats.Processed);
        }
        await Task.WhenAll(reads);
        return reads.Select(r => r.Result.IsNull ? 0L : (long)r.Result).ToArray();
    }

    public async Task<long> TotalAsync() => (await ReadAsync()).Sum();
}
