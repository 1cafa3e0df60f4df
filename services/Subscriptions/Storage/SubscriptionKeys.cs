using Streaming.Contracts.Redis;

namespace Streaming.Subscriptions.Storage;

/// <summary>
/// Every Redis key the subscription service writes besides the counters of <see cref="ChannelCounterLayout"/>. All of
/// partition p's keys carry the hash tag {p}, so one script updates them atomically (on Redis Cluster too).
/// <list type="bullet">
/// <item><c>{ns}subs:{p}:key:{customer}␟{channel}</c> hash: one subscriber's timeline (see <see cref="TimelineCodec"/>).
/// No TTL while the subscriber is in trial or paid (their state is needed whenever they next change); otherwise
/// <c>StateRetention</c> after the last change.</item>
/// <item><c>{ns}subs:{p}:batch:{messageId}</c> string, TTL <c>BatchMarkerRetention</c>: the batch is applied.</item>
/// </list>
/// </summary>
public sealed class SubscriptionKeys(string ns)
{
    public const char Separator = '\u001f';

    public string Timeline(int partition, string customerId, string channelId) =>
        $"{ns}subs:{PerformanceCounterLayout.Tag(partition)}:key:{customerId}{Separator}{channelId}";

    public string BatchMarker(int partition, Guid messageId) => $"{ns}subs:{PerformanceCounterLayout.Tag(partition)}:batch:{messageId:N}";
}
