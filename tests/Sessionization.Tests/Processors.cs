using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Streaming.PartitionedState.Hosting;
using Streaming.PartitionedState.Storage;
using Streaming.ServiceDefaults;
using Streaming.Sessionization.Publishing;
using Streaming.Sessionization.Storage;

namespace Streaming.Sessionization.Tests;

/// <summary>A batch processor wired as the service wires it, on the real Redis, without the bus.</summary>
internal static class Processors
{
    public static BatchProcessor New(IConnectionMultiplexer redis, string ns, TimeProvider clock, int cachedPerPartition = 1000,
        SessionizationOptions? options = null) =>
        Services(redis, ns, clock, cachedPerPartition, options).GetRequiredService<BatchProcessor>();

    /// <summary>The same wiring, for tests that also use the outbox's publisher.</summary>
    public static ServiceProvider Services(IConnectionMultiplexer redis, string ns, TimeProvider clock, int cachedPerPartition = 1000,
        SessionizationOptions? options = null) =>
        new ServiceCollection()
            .AddMetrics()
            .AddLogging()
            .AddSingleton(redis)
            .AddSingleton(clock)
            .AddSingleton(Options.Create(options ?? new SessionizationOptions()))
            .AddSingleton(Options.Create(new PipelineOptions { Namespace = ns.TrimEnd('.') }))
            .AddSingleton<PartitionStore>()
            .AddPartitionBatchLoop(_ => cachedPerPartition, TimelineCodec.Decode)
            .AddSingleton<SessionizationMetrics>()
            .AddSingleton<Outbox>()
            .AddSingleton<OutboxPublisher>()
            .AddSingleton<FactsDispatcher>()
            .AddSingleton<PerformanceRollupBackfill>()
            .AddSingleton<RollupUpgrade>()
            .AddSingleton<BatchProcessor>()
            .BuildServiceProvider();
}
