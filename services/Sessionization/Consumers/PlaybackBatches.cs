using MassTransit;
using Microsoft.Extensions.Options;
using Streaming.PartitionedState.Processing;
using Streaming.Sessionization.Telemetry;

namespace Streaming.Sessionization.Consumers;

/// <summary>
/// The playback messages of each partition, applied in batches of up to <c>MessagesPerBatch</c> of those waiting
/// (<see cref="PartitionBatcher{TMessage}"/>), each batch traced (<see cref="BatchTrace"/>) and applied by
/// <see cref="BatchProcessor"/>. Facts are published through the bus, not a consume context: most are published after
/// the batch is done (<see cref="Publishing.FactsDispatcher"/>), and a committed batch's facts are published even
/// while the consumer is being stopped.
/// </summary>
public sealed class PlaybackBatches
{
    public PlaybackBatches(BatchProcessor processor, IBus bus, IOptions<SessionizationOptions> options)
    {
        Batcher = new PartitionBatcher<Received>(options.Value.MessagesPerBatch, (partition, batch) =>
            BatchTrace.RunAsync(batch.Select(m => m.Context), partition,
                () => processor.ProcessAsync(partition, [.. batch.Select(m => m.Message)], facts => bus.Publish(facts))));
    }

    public PartitionBatcher<Received> Batcher { get; }

    /// <summary>A consumed message (its headers hold its trace) and what it holds.</summary>
    public sealed record Received(ConsumeContext Context, BatchMessage Message);
}
