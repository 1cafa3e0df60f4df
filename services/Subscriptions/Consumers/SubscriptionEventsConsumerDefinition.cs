using MassTransit;

namespace Streaming.Subscriptions.Consumers;

/// <summary>
/// Short, bounded retries for passing Redis or broker trouble; after them the batch goes to the partition's
/// _error queue with its exception, never acknowledged and lost. Concurrency 1: one batch of a partition at a time.
/// </summary>
public sealed class SubscriptionEventsConsumerDefinition : ConsumerDefinition<SubscriptionEventsConsumer>
{
    public SubscriptionEventsConsumerDefinition()
    {
        ConcurrentMessageLimit = 1;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<SubscriptionEventsConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.Intervals(100, 500, 1000, 2000));
    }
}
