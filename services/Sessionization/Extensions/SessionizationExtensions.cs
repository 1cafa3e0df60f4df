using MassTransit;
using Microsoft.Extensions.Options;
using Streaming.Contracts.Playback;
using Streaming.ServiceDefaults;
using Streaming.Sessionization.Consumers;
using Streaming.Sessionization.Storage;

namespace Streaming.Sessionization.Extensions;

public static class SessionizationExtensions
{
    /// <summary>Redis, the bus with one receive endpoint per partition queue, and the batch processor.</summary>
    public static IHostApplicationBuilder AddSessionization(this IHostApplicationBuilder builder)
    {
        builder.AddRedis();
        builder.Services.AddValidatedOptions<SessionizationOptions>(SessionizationOptions.Section);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SessionizationMetrics>();
        builder.Services.AddSingleton<TimelineStore>();
        builder.Services.AddSingleton(sp => new TimelineCache(sp.GetRequiredService<IOptions<SessionizationOptions>>().Value.CachedTimelinesPerPartition));
        builder.Services.AddSingleton<BatchProcessor>();
        builder.Services.AddHostedService<OutboxFlusher>();

        builder.AddMessageBus(
            x => x.AddConsumer<PlaybackEventsConsumer, PlaybackEventsConsumerDefinition>().ExcludeFromConfigureEndpoints(),
            (context, bus) =>
            {
                var pipeline = context.GetRequiredService<IOptions<PipelineOptions>>().Value;
                var options = context.GetRequiredService<IOptions<SessionizationOptions>>().Value;
                for (var p = 0; p < pipeline.Partitions; p++)
                {
                    bus.ReceiveEndpoint(PlaybackPartitioning.QueueName(pipeline.Prefix, p), e =>
                    {
                        e.PrefetchCount = options.PrefetchCount;
                        e.ConfigureConsumer<PlaybackEventsConsumer>(context);
                    });
                }
            });
        return builder;
    }
}
