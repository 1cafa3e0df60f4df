namespace Streaming.Ingest.Publishing;

/// <summary>The events of one message and the partition queue it goes to.</summary>
public sealed record PartitionChunk<TEvent>(int Partition, IReadOnlyList<TEvent> Events);

/// <summary>
/// Cuts accepted events into messages: grouped by partition (so one consumer owns each key), partitions in
/// ascending order, request order within a partition, at most a given number of events per message.
/// </summary>
public static class PartitionChunks
{
    public static IReadOnlyList<PartitionChunk<TEvent>> Cut<TEvent>(
        IReadOnlyList<TEvent> events, Func<TEvent, int> partitionOf, int maxEventsPerMessage)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEventsPerMessage, 1);
        var groups = new SortedDictionary<int, List<TEvent>>();
        foreach (var e in events)
        {
            var partition = partitionOf(e);
            if (!groups.TryGetValue(partition, out var group))
            {
                groups[partition] = group = [];
            }
            group.Add(e);
        }
        return [.. groups.SelectMany(g => g.Value.Chunk(maxEventsPerMessage).Select(chunk => new PartitionChunk<TEvent>(g.Key, chunk)))];
    }
}
