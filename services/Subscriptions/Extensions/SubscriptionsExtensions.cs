using MassTransit;
using Microsoft.Extensions.Options;
using Streaming.Contracts.Subscriptions;
using Streaming.ServiceDefaults;
using Streaming.Subscriptions.Consumers;
using Streaming.Subscriptions.Storage;

namespace Streaming.Subscriptions.Extensions;

public static class SubscriptionsExtensions
{
    /// <summary>Redis, the bus with one receive endpoint per subscription partition queue, and the batch processor.</summary>
    public static IHostApplicationBuilder AddSubscriptions(this IHostApplicationBuilder builder)
    {
        builder.AddRedis();
        builder.Services.AddValidatedOptions<SubscriptionsOptions>(SubscriptionsOptions.Section);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SubscriptionsMetrics>();
        builder.Services.AddSingleton<TimelineStore>();
        builder.Services.AddSingleton<BatchProcessor>();

        builder.AddMessageBus(
            x => x.AddConsumer<SubscriptionEventsConsumer, SubscriptionEventsConsumerDefinition>().ExcludeFromConfigureEndpoints(),
            (context, bus) =>
            {
                var pipeline = context.GetRequiredService<IOptions<PipelineOptions>>().Value;
                var options = context.GetRequiredService<IOptions<SubscriptionsOptions>>().Value;
                for (var p = 0; p < pipeline.Partitions; p++)
                {
                    bus.ReceiveEndpoint(SubscriptionPartitioning.QueueName(pipeline.Prefix, p), e =>
                    {
                        e.PrefetchCount = options.PrefetchCount;
                        e.ConfigureConsumer<SubscriptionEventsConsumer>(context);
                    });
                }
            });
        return builder;
    }
}
