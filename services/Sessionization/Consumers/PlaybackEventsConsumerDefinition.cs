using MassTransit;
using Microsoft.Extensions.Options;

namespace Streaming.Sessionization.Consumers;

/// <summary>
/// One batch of a partition at a time (up to <c>MessagesPerBatch</c> messages waiting on its queue, gathered for at
/// most <c>BatchTimeLimit</c>). Short, bounded retries for passing Redis or broker trouble; after them the messages
/// go to the partition's _error queue with their exception, never acknowledged and lost.
/// </summary>
public sealed class PlaybackEventsConsumerDefinition(IOptions<SessionizationOptions> options) : ConsumerDefinition<PlaybackEventsConsumer>
{
    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<PlaybackEventsConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.Intervals(100, 500, 1000, 2000));
        consumerConfigurator.Options<BatchOptions>(batch => batch
            .SetMessageLimit(options.Value.MessagesPerBatch)
            .SetTimeLimit(options.Value.BatchTimeLimit)
            .SetConcurrencyLimit(1));
    }
}
