using System.Text;

namespace Streaming.Contracts.Playback;

/// <summary>
/// Events of one stream key (customer, device, title) always travel through the same partition queue, so one
/// sessionization consumer owns each key. Ingest, sessionization, the gateway and the benchmark share this.
/// </summary>
public static class PlaybackPartitioning
{
    public const string QueueBaseName = "playback-events";

    public static string QueueName(string prefix, int partition) => $"{prefix}{QueueBaseName}-{partition}";

    public static int PartitionOf(string customerId, string deviceId, string titleId, int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        // FNV-1a over the UTF-8 key: stable across processes and versions, unlike string.GetHashCode.
        uint hash = 2166136261;
        Span<byte> buffer = stackalloc byte[256];
        foreach (var part in (ReadOnlySpan<string>)[customerId, deviceId, titleId])
        {
            var bytes = part.Length * 3 <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(part, buffer)] : Encoding.UTF8.GetBytes(part);
            foreach (var b in bytes)
            {
                hash = (hash ^ b) * 16777619;
            }
            hash = (hash ^ 0x1f) * 16777619; // separator, so ("ab","c") and ("a","bc") differ
        }
        return (int)(hash % (uint)partitions);
    }
}
