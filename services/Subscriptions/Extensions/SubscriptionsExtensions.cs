using Microsoft.Extensions.Options;
using Streaming.Contracts.Subscriptions;
using Streaming.PartitionedState.Hosting;
using Streaming.ServiceDefaults;
using Streaming.Subscriptions.Consumers;
using Streaming.Subscriptions.Storage;

namespace Streaming.Subscriptions.Extensions;

public static class SubscriptionsExtensions
{
    /// <summary>The partitioned consumer of subscription batches and the core's loop over subscriber timelines (not cached).</summary>
    public static IHostApplicationBuilder AddSubscriptions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<SubscriptionsOptions>(SubscriptionsOptions.Section);
        builder.AddPartitionedConsumer<SubscriptionEventsConsumer, SubscriptionEventsConsumerDefinition>(
            SubscriptionPartitioning.QueueName, sp => sp.GetRequiredService<IOptions<SubscriptionsOptions>>().Value.PrefetchCount);
        builder.Services.AddPartitionBatchLoop(_ => 0, TimelineCodec.Decode);
        builder.Services.AddSingleton<SubscriptionsMetrics>();
        builder.Services.AddSingleton<BatchProcessor>();
        return builder;
    }

    /// <summary>The service's queues (one per partition), for the <c>errors</c> command.</summary>
    public static IReadOnlyList<string> Queues(PipelineOptions pipeline) =>
        [.. Enumerable.Range(0, pipeline.Partitions).Select(p => SubscriptionPartitioning.QueueName(pipeline.Prefix, p))];
}
