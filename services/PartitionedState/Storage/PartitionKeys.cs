namespace Streaming.PartitionedState.Storage;

/// <summary>
/// The keys the core writes for one service area (e.g. <c>sess</c>, <c>subs</c>). Every key of partition p carries
/// the hash tag <c>{p}</c>, so one script updates them atomically, on Redis Cluster too.
/// <list type="bullet">
/// <item><c>{ns}{area}:{p}:key:{key}</c> hash: one key's timeline (<see cref="TimelineHash"/>); its expiry is the
/// service's choice (<see cref="TimelineTtl"/>).</item>
/// <item><c>{ns}{area}:{p}:batch:{messageId}</c> string, TTL the marker retention: the message is applied.</item>
/// <item><c>{ns}{area}:{p}:fence</c> string, no expiry: the token of the process that last claimed the partition; a
/// commit guarded by another token is refused.</item>
/// </list>
/// </summary>
public sealed class PartitionKeys(string ns, string area)
{
    public static string Tag(int partition) => "{" + partition.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}";

    /// <summary>The start of every key of the partition: <c>{ns}{area}:{p}:</c>.</summary>
    public string Prefix(int partition) => $"{ns}{area}:{Tag(partition)}:";

    public string Timeline(int partition, string key) => string.Concat(Prefix(partition), "key:", key);

    public string BatchMarker(int partition, Guid messageId) => $"{Prefix(partition)}batch:{messageId:N}";

    public string Fence(int partition) => Prefix(partition) + "fence";

    /// <summary>Key parts joined by U+001F (ingest rejects control characters in ids).</summary>
    public static string Join(string a, string b) => string.Concat(a, TimelineHash.Separator.ToString(), b);

    public static string Join(string a, string b, string c) =>
        string.Concat(a, TimelineHash.Separator.ToString(), b, TimelineHash.Separator.ToString(), c);
}
