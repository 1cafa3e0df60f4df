using Microsoft.Extensions.Options;
using Streaming.Contracts.Playback;
using Streaming.ServiceDefaults;

namespace Streaming.Ingest.Publishing;

/// <summary>
/// Sends each chunk as one <see cref="PackedPlaybackEventsAccepted"/> to its partition queue (see
/// <see cref="PartitionQueueSender"/>).
/// </summary>
public sealed class MassTransitPlaybackPublisher(
    PartitionQueueSender sender,
    IOptions<PipelineOptions> pipeline,
    IOptions<IngestOptions> ingest,
    TimeProvider time) : IPlaybackPublisher
{
    public Task PublishAsync(IReadOnlyList<PlaybackEvent> events, CancellationToken cancellationToken)
    {
        var acceptedAt = time.GetUtcNow();
        var messages = PlaybackMessagePlan.Chunk(events, pipeline.Value.Partitions, ingest.Value.MaxEventsPerMessage)
            .Select(chunk => (
                PlaybackPartitioning.QueueName(pipeline.Value.Prefix, chunk.Partition),
                new PlaybackEventsAccepted { Partition = chunk.Partition, AcceptedAt = acceptedAt, Events = chunk.Events }.ToPacked()))
            .ToList();
        return sender.SendAsync("send playback events", events.Count, messages, cancellationToken);
    }
}
