using Streaming.Contracts.Playback;

namespace Streaming.Ingest.Publishing;

/// <summary>
/// Sends each chunk of <see cref="PlaybackMessagePlan"/> as one <see cref="PackedPlaybackEventsAccepted"/> to its
/// partition queue (see <see cref="PartitionQueueSender"/>).
/// </summary>
public sealed class MassTransitPlaybackPublisher(PartitionQueueSender sender) : IPlaybackPublisher
{
    public Task PublishAsync(IReadOnlyList<PlaybackEvent> events, CancellationToken cancellationToken) =>
        sender.SendAsync("send playback events", events, PlaybackMessagePlan.Chunk, PlaybackPartitioning.QueueName,
            static (chunk, acceptedAt) => new PlaybackEventsAccepted { Partition = chunk.Partition, AcceptedAt = acceptedAt, Events = chunk.Events }.ToPacked(),
            cancellationToken);
}
