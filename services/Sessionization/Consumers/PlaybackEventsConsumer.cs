using MassTransit;
using Streaming.Contracts.Playback;
using Streaming.Sessionization.Telemetry;

namespace Streaming.Sessionization.Consumers;

/// <summary>
/// Thin adapter: the messages waiting on one partition queue, taken together, into <see cref="BatchProcessor"/>.
/// Consuming several at once saves a Redis load, a commit and a facts publication per message. Ingest sends the
/// packed form; the JSON-list form is still consumed so messages from an older ingest drain during an upgrade. Each
/// message was decoded on its own before it joined the batch (<see cref="PlaybackDecoding"/>). Facts are published
/// through the bus, not the consume context: most are published after the batch is done (<see cref="Publishing.FactsDispatcher"/>),
/// and a committed batch's facts are published even while the consumer is being stopped.
/// </summary>
public sealed class PlaybackEventsConsumer(BatchProcessor processor, IBus bus) :
    IConsumer<Batch<PackedPlaybackEventsAccepted>>,
    IConsumer<Batch<PlaybackEventsAccepted>>
{
    public Task Consume(ConsumeContext<Batch<PackedPlaybackEventsAccepted>> context) =>
        Process(context.Message, context.Message.Select(m => Decoded(m, m.Message.ToUnpacked)).ToList());

    public Task Consume(ConsumeContext<Batch<PlaybackEventsAccepted>> context) =>
        Process(context.Message, context.Message.Select(m => Decoded(m, () => m.Message)).ToList());

    private Task Process(IEnumerable<ConsumeContext> received, List<BatchMessage> messages)
    {
        var partition = messages[0].Batch.Partition;
        return BatchTrace.RunAsync(received, partition,
            () => processor.ProcessAsync(partition, messages, facts => bus.Publish(facts)));
    }

    private static BatchMessage Decoded(ConsumeContext message, Func<PlaybackEventsAccepted> read) =>
        (message.TryGetPayload(out PlaybackDecoding.Decoded? decoded) ? decoded : PlaybackDecoding.Decode(message, read)).Message;
}
