using MassTransit;
using Streaming.Contracts.Playback;

namespace Streaming.Sessionization.Consumers;

/// <summary>Thin adapter: one partition batch from the bus into <see cref="BatchProcessor"/>.</summary>
public sealed class PlaybackEventsConsumer(BatchProcessor processor) : IConsumer<PlaybackEventsAccepted>
{
    public Task Consume(ConsumeContext<PlaybackEventsAccepted> context)
    {
        // The broker message id is the batch's identity: a redelivery carries the same one.
        var batchId = context.MessageId ?? throw new InvalidOperationException("a playback batch needs a MessageId");
        return processor.ProcessAsync(context.Message, batchId, facts => context.Publish(facts, context.CancellationToken));
    }
}
