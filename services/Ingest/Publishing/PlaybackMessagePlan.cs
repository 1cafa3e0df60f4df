using Streaming.Contracts.Playback;

namespace Streaming.Ingest.Publishing;

/// <summary>The events of one <see cref="PlaybackEventsAccepted"/> message and the partition queue it goes to.</summary>
public sealed record PlaybackChunk(int Partition, IReadOnlyList<PlaybackEvent> Events);

/// <summary>
/// Cuts accepted events into messages: grouped by stream-key partition (so one consumer owns each key), in
/// request order within a partition, at most a given number per message.
/// </summary>
public static class PlaybackMessagePlan
{
    public static IReadOnlyList<PlaybackChunk> Chunk(IReadOnlyList<PlaybackEvent> events, int partitions, int maxEventsPerMessage)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEventsPerMessage, 1);
        var groups = new SortedDictionary<int, List<PlaybackEvent>>();
        foreach (var e in events)
        {
            var partition = PlaybackPartitioning.PartitionOf(e.CustomerId, e.DeviceId, e.TitleId, partitions);
            if (!groups.TryGetValue(partition, out var group))
            {
                groups[partition] = group = [];
            }
            group.Add(e);
        }
        return [.. groups.SelectMany(g => g.Value.Chunk(maxEventsPerMessage).Select(chunk => new PlaybackChunk(g.Key, chunk)))];
    }
}
