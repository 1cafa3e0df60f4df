using static Streaming.Ingest.Tests.Subscriptions.SubscriptionEvents;

namespace Streaming.Ingest.Tests.Subscriptions;

public sealed class SubscriptionMessagePlanTests
{
    [Fact]
    public void Events_go_to_the_partition_of_their_customer_and_channel_in_request_order_and_in_chunks()
    {
        var events = Enumerable.Range(0, 40)
            .Select(i => SubscriptionAccepted($"s-{i}", customerId: $"c-{i % 5}", channelId: $"ch-{i % 2}"))
            .ToList();

        var chunks = SubscriptionMessagePlan.Chunk(events, partitions: 4, maxEventsPerMessage: 3);

        Assert.All(chunks, c =>
        {
            Assert.InRange(c.Events.Count, 1, 3);
            Assert.All(c.Events, e => Assert.Equal(SubscriptionPartitioning.PartitionOf(e.CustomerId, e.ChannelId, 4), c.Partition));
        });
        Assert.Equal(chunks.Select(c => c.Partition).Order(), chunks.Select(c => c.Partition));
        foreach (var partition in chunks.GroupBy(c => c.Partition))
        {
            Assert.Equal(
                events.Where(e => SubscriptionPartitioning.PartitionOf(e.CustomerId, e.ChannelId, 4) == partition.Key),
                partition.SelectMany(c => c.Events));
        }
    }

    [Fact]
    public void Partitions_are_stable_and_spread()
    {
        // Fixed values (FNV-1a of the UTF-8 ids, as for playback): every process must route a subscriber alike.
        Assert.Equal([1, 0, 2, 3],
        [
            SubscriptionPartitioning.PartitionOf("c-1", "ch-1", 4), SubscriptionPartitioning.PartitionOf("c-2", "ch-1", 4),
            SubscriptionPartitioning.PartitionOf("c-1", "ch-2", 4), SubscriptionPartitioning.PartitionOf("c-3", "ch-1", 4),
        ]);
        var used = Enumerable.Range(0, 200).Select(i => SubscriptionPartitioning.PartitionOf($"c-{i}", "ch-1", 4)).Distinct().Count();
        Assert.Equal(4, used);
        Assert.Equal("ns.subscription-events-3", SubscriptionPartitioning.QueueName("ns.", 3));
    }
}
