using Streaming.PartitionedState.Storage;

namespace Streaming.Subscriptions.Storage;

/// <summary>
/// Every Redis key the subscription service writes besides the counters of ChannelCounterLayout: the core's timelines
/// and batch markers under area <c>subs</c> (<see cref="PartitionKeys"/>). A timeline
/// <c>{ns}subs:{p}:key:{customer}␟{channel}</c> never expires while the subscriber is in trial or paid (their state is
/// needed whenever they next change); otherwise it lives <c>StateRetention</c> after its last change.
/// </summary>
public sealed class SubscriptionKeys(string ns)
{
    private readonly PartitionKeys _keys = new(ns, "subs");

    public string Timeline(int partition, string customerId, string channelId) => _keys.Timeline(partition, PartitionKeys.Join(customerId, channelId));

    public string BatchMarker(int partition, Guid messageId) => _keys.BatchMarker(partition, messageId);

    public string Fence(int partition) => _keys.Fence(partition);
}
