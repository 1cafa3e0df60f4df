using Streaming.Contracts.Playback;

namespace Streaming.Ingest.Publishing;

/// <summary>Cuts accepted playback events into messages by stream-key partition (see <see cref="PartitionChunks"/>).</summary>
public static class PlaybackMessagePlan
{
    public static IReadOnlyList<PartitionChunk<PlaybackEvent>> Chunk(IReadOnlyList<PlaybackEvent> events, int partitions, int maxEventsPerMessage) =>
        PartitionChunks.Cut(events, e => PlaybackPartitioning.PartitionOf(e.CustomerId, e.DeviceId, e.TitleId, partitions), maxEventsPerMessage);
}
