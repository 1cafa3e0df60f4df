using Streaming.Contracts.Subscriptions;

namespace Streaming.Ingest.Publishing;

/// <summary>Cuts accepted subscription events into messages by (customer, channel) partition (see <see cref="PartitionChunks"/>).</summary>
public static class SubscriptionMessagePlan
{
    public static IReadOnlyList<PartitionChunk<SubscriptionEvent>> Chunk(
        IReadOnlyList<SubscriptionEvent> events, int partitions, int maxEventsPerMessage) =>
        PartitionChunks.Cut(events, e => SubscriptionPartitioning.PartitionOf(e.CustomerId, e.ChannelId, partitions), maxEventsPerMessage);
}
