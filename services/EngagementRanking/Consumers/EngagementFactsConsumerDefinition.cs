using MassTransit;
using Microsoft.Extensions.Options;

namespace Streaming.EngagementRanking.Consumers;

/// <summary>
/// Queue <c>{namespace.}engagement-facts</c>, bound to the StreamActivityRecorded exchange. Short, bounded retries for
/// passing Redis trouble; after them the message goes to <c>engagement-facts_error</c> with its exception, never
/// acknowledged and lost. Messages are applied concurrently: each is one atomic script and the counters commute.
/// </summary>
public sealed class EngagementFactsConsumerDefinition : ConsumerDefinition<EngagementFactsConsumer>
{
    public EngagementFactsConsumerDefinition(IOptions<EngagementRankingOptions> options)
    {
        ConcurrentMessageLimit = options.Value.ConcurrentMessageLimit;
        Endpoint(e => e.PrefetchCount = options.Value.PrefetchCount);
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<EngagementFactsConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.Intervals(100, 500, 1000, 2000));
    }
}
