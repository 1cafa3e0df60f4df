using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Streaming.PartitionedState.Processing;
using Streaming.PartitionedState.Replicas;
using Streaming.PartitionedState.Storage;
using Streaming.ServiceDefaults;

namespace Streaming.PartitionedState.Hosting;

public static class PartitionedConsumerRegistration
{
    /// <summary>
    /// Redis, the core's store and clock, the bus with <typeparamref name="TConsumer"/>, and the
    /// <see cref="PartitionAssignment"/> that connects a receive endpoint to each partition queue
    /// (<paramref name="queueName"/> of the namespace prefix and the partition) this replica owns among the live
    /// replicas of the service: all of them when it is alone. Each endpoint gets the bus-wide endpoint callbacks (the
    /// retry policy of <see cref="MessageBusRegistration"/>) and <paramref name="prefetch"/>, and the queue's
    /// declaration (<see cref="QueueDeclarations"/>: quorum with a single active consumer under
    /// RabbitMq:QuorumQueues); the consumer's definition sets its batch and concurrency.
    /// </summary>
    public static IHostApplicationBuilder AddPartitionedConsumer<TConsumer, TDefinition>(
        this IHostApplicationBuilder builder, Func<string, int, string> queueName, Func<IServiceProvider, int> prefetch)
        where TConsumer : class, IConsumer
        where TDefinition : class, IConsumerDefinition<TConsumer>
    {
        builder.AddRedis();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<PartitionStore>();
        builder.AddMessageBus(x => x.AddConsumer<TConsumer, TDefinition>().ExcludeFromConfigureEndpoints());
        builder.Services.AddSingleton<ReplicaRegistry>();
        builder.Services.AddSingleton(new PartitionEndpoints(builder.Environment.ServiceName(), queueName, (context, endpoint, name) =>
        {
            var rabbit = context.GetRequiredService<IOptions<RabbitMqOptions>>().Value;
            // Endpoints connected by hand don't get the callbacks ConfigureEndpoints applies: apply them here.
            context.GetConfigureReceiveEndpoints().Configure(name, endpoint);
            endpoint.PrefetchCount = prefetch(context);
            QueueDeclarations.PartitionQueue((IRabbitMqReceiveEndpointConfigurator)endpoint, rabbit);
            endpoint.ConfigureConsumer<TConsumer>(context);
        }));
        // After the bus (AddMessageBus registered it): hosted services start in order and stop in reverse.
        builder.Services.AddSingleton<QueueConsumers>();
        builder.Services.AddSingleton<PartitionAssignment>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PartitionAssignment>());
        return builder;
    }

    /// <summary>A <see cref="PartitionBatchLoop{TTimeline}"/> for a service's timelines, with its cache and decoder.</summary>
    public static IServiceCollection AddPartitionBatchLoop<TTimeline>(
        this IServiceCollection services,
        Func<IServiceProvider, int> cachedPerPartition,
        Func<HashEntry[], TTimeline> decode) =>
        services.AddSingleton(sp => new PartitionBatchLoop<TTimeline>(
            sp.GetRequiredService<PartitionStore>(),
            new TimelineCache<TTimeline>(cachedPerPartition(sp)),
            decode,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<PartitionBatchLoop<TTimeline>>>()));
}
