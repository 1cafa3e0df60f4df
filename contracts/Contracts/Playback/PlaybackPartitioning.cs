namespace Streaming.Contracts.Playback;

/// <summary>
/// Events of one stream key (customer, device, title) always travel through the same partition queue, so one
/// sessionization consumer owns each key. Ingest, sessionization, the gateway and the benchmark share this.
/// </summary>
public static class PlaybackPartitioning
{
    public const string QueueBaseName = "playback-events";

    public static string QueueName(string prefix, int partition) => $"{prefix}{QueueBaseName}-{partition}";

    public static int PartitionOf(string customerId, string deviceId, string titleId, int partitions) =>
        StableKeyHash.Partition([customerId, deviceId, titleId], partitions);
}
