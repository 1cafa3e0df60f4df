using MassTransit;
using Streaming.Contracts.Playback;

namespace Streaming.Sessionization.Consumers;

/// <summary>
/// Thin adapter: the messages waiting on one partition queue, taken together, into <see cref="BatchProcessor"/>.
/// Consuming several at once saves a Redis load, a commit and a facts publication per message.
/// </summary>
public sealed class PlaybackEventsConsumer(BatchProcessor processor) : IConsumer<Batch<PlaybackEventsAccepted>>
{
    public Task Consume(ConsumeContext<Batch<PlaybackEventsAccepted>> context)
    {
        // The broker message id is each message's identity: a redelivery carries the same one.
        var messages = context.Message
            .Select(m => new BatchMessage(m.MessageId ?? throw new InvalidOperationException("a playback batch needs a MessageId"), m.Message))
            .ToList();
        return processor.ProcessAsync(messages[0].Batch.Partition, messages, facts => context.Publish(facts, context.CancellationToken));
    }
}
