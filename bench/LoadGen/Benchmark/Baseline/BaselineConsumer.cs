using MassTransit;
using StackExchange.Redis;

namespace Streaming.Bench.LoadGen.Benchmark.Baseline;

/// <summary>The least a consumer can do with an event: one awaited HINCRBY on one counter.</summary>
public sealed class BaselineConsumer(IDatabase redis, RedisKey counter) : IConsumer<BaselineEvent>
{
    public const string Field = "n";

    public Task Consume(ConsumeContext<BaselineEvent> context) => redis.HashIncrementAsync(counter, Field);
}
