namespace Streaming.Contracts.Subscriptions;

/// <summary>
/// Events of one subscriber key (customer, channel) always travel through the same partition queue, so one
/// subscription consumer owns each key. Ingest, the subscription service and the benchmark share this.
/// </summary>
public static class SubscriptionPartitioning
{
    public const string QueueBaseName = "subscription-events";

    public static string QueueName(string prefix, int partition) => $"{prefix}{QueueBaseName}-{partition}";

    public static int PartitionOf(string customerId, string channelId, int partitions) =>
        StableKeyHash.Partition([customerId, channelId], partitions);
}
