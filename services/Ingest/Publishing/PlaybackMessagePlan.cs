using Streaming.Contracts.Playback;

namespace Streaming.Ingest.Publishing;

/// <summary>The events of one <see cref="PackedPlaybackEventsAccepted"/> message and the partition queue it goes to.</summary>
public sealed record PlaybackChunk(int Partition, IReadOnlyList<PlaybackEvent> Events);

/// <summary>Cuts accepted playback events into messages by stream-key partition (see <see cref="PartitionChunks"/>).</summary>
public static class PlaybackMessagePlan
{
    public static IReadOnlyList<PlaybackChunk> Chunk(IReadOnlyList<PlaybackEvent> events, int partitions, int maxEventsPerMessage) =>
        [.. PartitionChunks.Cut(events, e => PlaybackPartitioning.PartitionOf(e.CustomerId, e.DeviceId, e.TitleId, partitions), maxEventsPerMessage)
            .Select(chunk => new PlaybackChunk(chunk.Partition, chunk.Events))];
}
