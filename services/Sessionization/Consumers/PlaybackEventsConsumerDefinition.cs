using MassTransit;
using Streaming.Contracts.Playback;

namespace Streaming.Sessionization.Consumers;

/// <summary>
/// Every message the broker hands out on a partition queue (<c>PrefetchCount</c>) is consumed at once and waits in
/// <see cref="PlaybackBatches"/> for its batch, with the bus-wide retry (<see cref="Streaming.ServiceDefaults.TransientRetry"/>)
/// around each message, and each message decoded before it joins a batch (<see cref="PlaybackDecoding"/>), so poison
/// goes to _error alone.
/// </summary>
public sealed class PlaybackEventsConsumerDefinition : ConsumerDefinition<PlaybackEventsConsumer>
{
    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<PlaybackEventsConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        var decoding = new PlaybackDecoding();
        endpointConfigurator.UseFilter<PackedPlaybackEventsAccepted>(decoding);
        endpointConfigurator.UseFilter<PlaybackEventsAccepted>(decoding);
    }
}
