using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Streaming.Ingest.Tests.Publishing;

public sealed class PlaybackMessagePlanTests
{
    private static PlaybackEvent Of(string key, int n) => MinimalAccepted($"{key}-{n}", customerId: key);

    private static int PartitionOf(PlaybackEvent e, int partitions) =>
        PlaybackPartitioning.PartitionOf(e.CustomerId, e.DeviceId, e.TitleId, partitions);

    [Fact]
    public void Events_of_one_key_are_cut_into_full_chunks_then_the_rest_in_order()
    {
        var events = Enumerable.Range(0, 2500).Select(n => Of("c-1", n)).ToList();

        var chunks = PlaybackMessagePlan.Chunk(events, partitions: 4, maxEventsPerMessage: 1000);

        Assert.Equal([1000, 1000, 500], chunks.Select(c => c.Events.Count));
        Assert.All(chunks, c => Assert.Equal(PartitionOf(events[0], 4), c.Partition));
        Assert.Equal(events, chunks.SelectMany(c => c.Events));
    }

    [Fact]
    public void Events_are_grouped_by_partition_in_partition_order_keeping_request_order()
    {
        // c-1 and c-3 fall in different partitions of 4 (checked first, so the test means what it says).
        var (a, b) = (PartitionOf(Of("c-1", 0), 4), PartitionOf(Of("c-3", 0), 4));
        Assert.Equal((1, 3), (a, b));
        PlaybackEvent[] events = [Of("c-3", 1), Of("c-1", 1), Of("c-3", 2), Of("c-1", 2), Of("c-1", 3), Of("c-3", 3), Of("c-3", 4)];

        var chunks = PlaybackMessagePlan.Chunk(events, partitions: 4, maxEventsPerMessage: 2);

        Assert.Equal(
        [
            (1, "c-1-1,c-1-2"),
            (1, "c-1-3"),
            (3, "c-3-1,c-3-2"),
            (3, "c-3-3,c-3-4"),
        ], chunks.Select(c => (c.Partition, string.Join(",", c.Events.Select(e => e.EventId)))));
    }

    [Fact]
    public void One_partition_takes_every_key()
    {
        PlaybackEvent[] events = [Of("c-3", 1), Of("c-1", 1), Of("c-2", 1)];

        var chunks = PlaybackMessagePlan.Chunk(events, partitions: 1, maxEventsPerMessage: 1000);

        var chunk = Assert.Single(chunks);
        Assert.Equal(0, chunk.Partition);
        Assert.Equal(events, chunk.Events);
    }

    [Fact]
    public void No_events_make_no_messages() =>
        Assert.Empty(PlaybackMessagePlan.Chunk([], partitions: 4, maxEventsPerMessage: 1000));

    [Property(MaxTest = 300)]
    public Property Chunks_hold_every_event_once_in_its_partition_in_order_and_within_the_limit()
    {
        var keys = Gen.Choose(0, 9).ListOf();
        var limits = Gen.Choose(1, 7);
        var partitionCounts = Gen.Choose(1, 8);
        return Prop.ForAll(keys.ToArbitrary(), limits.ToArbitrary(), partitionCounts.ToArbitrary(), (keyIndexes, max, partitions) =>
        {
            var events = keyIndexes.Select((k, n) => Of($"c-{k}", n)).ToList();

            var chunks = PlaybackMessagePlan.Chunk(events, partitions, max);

            Assert.All(chunks, c => Assert.InRange(c.Events.Count, 1, max));
            Assert.Equal(chunks.Select(c => c.Partition).Order(), chunks.Select(c => c.Partition));
            foreach (var group in chunks.GroupBy(c => c.Partition))
            {
                Assert.Equal(events.Where(e => PartitionOf(e, partitions) == group.Key), group.SelectMany(c => c.Events));
                // only the last chunk of a partition may be short
                Assert.All(group.SkipLast(1), c => Assert.Equal(max, c.Events.Count));
            }
            Assert.Equal(events.Count, chunks.Sum(c => c.Events.Count));
        });
    }
}
