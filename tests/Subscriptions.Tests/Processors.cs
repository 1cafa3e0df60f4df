using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Streaming.PartitionedState.Hosting;
using Streaming.PartitionedState.Storage;
using Streaming.ServiceDefaults;
using Streaming.Subscriptions.Storage;

namespace Streaming.Subscriptions.Tests;

/// <summary>A batch processor wired as the service wires it, on the real Redis, without the bus.</summary>
internal static class Processors
{
    public static BatchProcessor New(IConnectionMultiplexer redis, string ns) =>
        new ServiceCollection()
            .AddMetrics()
            .AddLogging()
            .AddSingleton(redis)
            .AddSingleton(TimeProvider.System)
            .AddSingleton(Options.Create(new SubscriptionsOptions()))
            .AddSingleton(Options.Create(new PipelineOptions { Namespace = ns.TrimEnd('.') }))
            .AddSingleton<PartitionStore>()
            .AddPartitionBatchLoop(_ => 0, TimelineCodec.Decode)
            .AddSingleton<SubscriptionsMetrics>()
            .AddSingleton<BatchProcessor>()
            .BuildServiceProvider()
            .GetRequiredService<BatchProcessor>();
}
