using MassTransit;
using Microsoft.Extensions.Options;

namespace Streaming.EngagementRanking.Consumers;

/// <summary>
/// Queue <c>{namespace.}engagement-facts</c>, bound to the StreamActivityRecorded exchange, with the bus-wide retry
/// (<see cref="Streaming.ServiceDefaults.TransientRetry"/>). Messages are applied concurrently: each is one atomic
/// script and the counters commute.
/// </summary>
public sealed class EngagementFactsConsumerDefinition : ConsumerDefinition<EngagementFactsConsumer>
{
    public EngagementFactsConsumerDefinition(IOptions<EngagementRankingOptions> options)
    {
        ConcurrentMessageLimit = options.Value.ConcurrentMessageLimit;
        Endpoint(e => e.PrefetchCount = options.Value.PrefetchCount);
    }
}
