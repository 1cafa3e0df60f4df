using MassTransit;

namespace Streaming.Subscriptions.Consumers;

/// <summary>
/// One batch of a partition at a time (concurrency 1: each partition's timelines have one writer), with the bus-wide
/// retry (<see cref="Streaming.ServiceDefaults.TransientRetry"/>).
/// </summary>
public sealed class SubscriptionEventsConsumerDefinition : ConsumerDefinition<SubscriptionEventsConsumer>
{
    public SubscriptionEventsConsumerDefinition()
    {
        ConcurrentMessageLimit = 1;
    }
}
