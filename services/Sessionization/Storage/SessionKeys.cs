using Streaming.Contracts.Redis;

namespace Streaming.Sessionization.Storage;

/// <summary>
/// Every Redis key sessionization writes, besides the counters of <see cref="PerformanceCounterLayout"/>. All of
/// partition p's keys carry the hash tag {p}, so one script updates them atomically (on Redis Cluster too).
/// <list type="bullet">
/// <item><c>{ns}sess:{p}:key:{customer}␟{device}␟{title}</c> hash, TTL <c>StateRetention</c> from the last change:
/// one stream key's timeline (see <see cref="TimelineCodec"/>).</item>
/// <item><c>{ns}sess:{p}:batch:{messageId}</c> string, TTL <c>BatchMarkerRetention</c>: the batch is applied.</item>
/// <item><c>{ns}sess:{p}:outbox</c> hash: derived facts committed but not yet confirmed published; no TTL, emptied
/// as they are published.</item>
/// </list>
/// </summary>
public sealed class SessionKeys(string ns)
{
    public const char Separator = '\u001f';

    public string Timeline(int partition, string streamKey) => $"{ns}sess:{PerformanceCounterLayout.Tag(partition)}:key:{streamKey}";

    public string BatchMarker(int partition, Guid messageId) => $"{ns}sess:{PerformanceCounterLayout.Tag(partition)}:batch:{messageId:N}";

    public string Outbox(int partition) => $"{ns}sess:{PerformanceCounterLayout.Tag(partition)}:outbox";

    public static string StreamKey(string customerId, string deviceId, string titleId) =>
        string.Concat(customerId, Separator.ToString(), deviceId, Separator.ToString(), titleId);
}
