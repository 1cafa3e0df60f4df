using MassTransit;
using Microsoft.Extensions.Options;
using Streaming.Contracts.Sessionization;
using Streaming.ServiceDefaults;

namespace Streaming.EngagementRanking.Consumers;

/// <summary>
/// Queue <c>{namespace.}engagement-facts</c> (<see cref="EngagementFactsQueue"/>, declared alike by sessionization),
/// bound to the facts messages' exchanges, with the bus-wide retry (<see cref="Streaming.ServiceDefaults.TransientRetry"/>).
/// Messages are applied concurrently: each is one atomic script and the counters commute.
/// </summary>
public sealed class EngagementFactsConsumerDefinition : ConsumerDefinition<EngagementFactsConsumer>
{
    private readonly RabbitMqOptions _rabbit;

    public EngagementFactsConsumerDefinition(IOptions<EngagementRankingOptions> options, IOptions<PipelineOptions> pipeline, IOptions<RabbitMqOptions> rabbit)
    {
        _rabbit = rabbit.Value;
        EndpointName = EngagementFactsQueue.Name(pipeline.Value.Prefix);
        ConcurrentMessageLimit = options.Value.ConcurrentMessageLimit;
        Endpoint(e => e.PrefetchCount = options.Value.PrefetchCount);
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<EngagementFactsConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            rabbit.Durable = EngagementFactsQueue.Durable;
            rabbit.AutoDelete = EngagementFactsQueue.AutoDelete;
            rabbit.ExchangeType = EngagementFactsQueue.ExchangeType;
            QueueDeclarations.FactsQueue(rabbit, _rabbit);
        }
    }
}
