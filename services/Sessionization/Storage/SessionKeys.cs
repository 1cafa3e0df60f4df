using Streaming.PartitionedState.Storage;

namespace Streaming.Sessionization.Storage;

/// <summary>
/// Every Redis key sessionization writes besides the counters (PerformanceCounterLayout) and the live view
/// (LiveLayout): the core's timelines and batch markers under area <c>sess</c> (<see cref="PartitionKeys"/>;
/// a timeline <c>{ns}sess:{p}:key:{customer}␟{device}␟{title}</c> lives StateRetention after its last change), and
/// <c>{ns}sess:{p}:outbox</c>, a hash of derived facts committed but not yet confirmed published (no TTL, emptied as
/// their publication is confirmed), and <c>{ns}sess:{p}:outbox:dead-letter</c>, the entries moved aside because they
/// cannot be published (unreadable, or refused again and again while others went out), kept until an operator replays
/// or deletes them (docs/operations.md, "Derived facts").
/// </summary>
public sealed class SessionKeys(string ns)
{
    private readonly PartitionKeys _keys = new(ns, "sess");

    public string Timeline(int partition, string streamKey) => _keys.Timeline(partition, streamKey);

    public string BatchMarker(int partition, Guid messageId) => _keys.BatchMarker(partition, messageId);

    public string Fence(int partition) => _keys.Fence(partition);

    public string Outbox(int partition) => _keys.Prefix(partition) + "outbox";

    public string OutboxDeadLetter(int partition) => _keys.Prefix(partition) + "outbox:dead-letter";

    public static string StreamKey(string customerId, string deviceId, string titleId) => PartitionKeys.Join(customerId, deviceId, titleId);
}
