using MassTransit;
using Microsoft.Extensions.Options;
using Streaming.Contracts.Playback;

namespace Streaming.Sessionization.Consumers;

/// <summary>
/// One batch of a partition at a time (up to <c>MessagesPerBatch</c> messages waiting on its queue, gathered for at
/// most <c>BatchTimeLimit</c>), with the bus-wide retry (<see cref="Streaming.ServiceDefaults.TransientRetry"/>) around
/// the batch, and each message decoded before it joins one (<see cref="PlaybackDecoding"/>), so poison goes to _error alone.
/// </summary>
public sealed class PlaybackEventsConsumerDefinition(IOptions<SessionizationOptions> options) : ConsumerDefinition<PlaybackEventsConsumer>
{
    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<PlaybackEventsConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        var decoding = new PlaybackDecoding();
        endpointConfigurator.UseFilter<PackedPlaybackEventsAccepted>(decoding);
        endpointConfigurator.UseFilter<PlaybackEventsAccepted>(decoding);
        consumerConfigurator.Options<BatchOptions>(batch => batch
            .SetMessageLimit(options.Value.MessagesPerBatch)
            .SetTimeLimit(options.Value.BatchTimeLimit)
            .SetConcurrencyLimit(1));
    }
}
