using MassTransit;
using Microsoft.Extensions.Options;
using Streaming.Contracts.Playback;
using Streaming.PartitionedState.Hosting;
using Streaming.PartitionedState.Storage;
using Streaming.ServiceDefaults;
using Streaming.Sessionization.Consumers;
using Streaming.Sessionization.Publishing;
using Streaming.Sessionization.Storage;

namespace Streaming.Sessionization.Extensions;

public static class SessionizationExtensions
{
    /// <summary>
    /// The partitioned consumer of playback batches, the core's loop over stream-key timelines, the outbox with its
    /// publisher and sweep, facts published mandatory, and the engagement facts queue declared at start.
    /// </summary>
    public static IHostApplicationBuilder AddSessionization(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<SessionizationOptions>(SessionizationOptions.Section);
        builder.AddPartitionedConsumer<PlaybackEventsConsumer, PlaybackEventsConsumerDefinition>(
            PlaybackPartitioning.QueueName, sp => sp.GetRequiredService<IOptions<SessionizationOptions>>().Value.PrefetchCount);
        builder.Services.AddPartitionBatchLoop(
            sp => sp.GetRequiredService<IOptions<SessionizationOptions>>().Value.CachedTimelinesPerPartition, TimelineCodec.Decode);
        builder.Services.AddSingleton<SessionizationMetrics>();
        builder.Services.AddSingleton<Outbox>();
        builder.Services.AddSingleton<OutboxPublisher>();
        builder.Services.AddSingleton<FactsDispatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<FactsDispatcher>());
        builder.Services.AddSingleton<PerformanceRollupBackfill>();
        builder.Services.AddSingleton<RollupUpgrade>();
        builder.Services.AddSingleton<BatchProcessor>();
        builder.Services.AddSingleton<PlaybackBatches>();
        builder.Services.AddPublishObserver<MandatoryFactsPublication>();
        builder.Services.AddHostedService<EngagementFactsTopology>();
        builder.Services.AddHostedService<OutboxSweeper>();
        return builder;
    }

    /// <summary>The service's queues (one per partition), for the <c>errors</c> command.</summary>
    public static IReadOnlyList<string> Queues(PipelineOptions pipeline) =>
        [.. Enumerable.Range(0, pipeline.Partitions).Select(p => PlaybackPartitioning.QueueName(pipeline.Prefix, p))];
}
