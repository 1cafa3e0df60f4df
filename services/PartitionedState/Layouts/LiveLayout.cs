using System.Globalization;
using Streaming.PartitionedState.Storage;

namespace Streaming.PartitionedState.Layouts;

/// <summary>
/// The Redis layout of the live view (<c>GET /v1/live</c>): sessionization writes it in the same script as its
/// counters, the gateway reads it every second. Every key of partition p carries the hash tag <c>{p}</c> (see
/// <see cref="PartitionKeys.Tag"/>), like the keys the commit script already touches, so one script updates
/// them atomically, on Redis Cluster too.
/// <list type="bullet">
/// <item><c>{ns}live:{p}:second:{unixSeconds}</c> hash, TTL <see cref="SecondRetention"/>: events newly applied by the
/// commits made during that wall-clock second (sessionization's clock), field <c>all</c> and <c>title:{titleId}</c>.</item>
/// <item><c>{ns}live:{p}:playing:all</c> sorted set, TTL <see cref="PlayingRetention"/> after its last addition: the stream
/// keys (<c>{customer}␟{device}␟{title}</c>) whose latest event is play, resume or heartbeat, scored by the instant
/// (Unix ms) until which they count as playing: that event's time plus the maximum gap.</item>
/// <item><c>{ns}live:{p}:playing:title:{titleId}</c> sorted set, same TTL: the same for one title, members
/// <c>{customer}␟{device}</c>.</item>
/// </list>
/// A member counts as playing at instant <c>now</c> while its score is above <c>now</c> (ZCOUNT key (now +inf); a
/// commit that adds members to a set removes those at or below its own now.
/// </summary>
public static class LiveLayout
{
    /// <summary>
    /// How long a second's hash is kept. The gateway reads only the last complete second; the rest is room for the
    /// clocks of sessionization and gateway hosts to differ by a few seconds.
    /// </summary>
    public static readonly TimeSpan SecondRetention = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a playing set outlives its last addition. Members are pruned at every addition; the expiry only clears
    /// the sets of titles nobody plays any more. It must exceed the maximum gap plus how far in the future ingest accepts
    /// events (5 minutes by default), or a future-dated member could vanish while it still counts.
    /// </summary>
    public static readonly TimeSpan PlayingRetention = TimeSpan.FromHours(1);

    public const string AllField = "all";
    public const char MemberSeparator = '\u001f';

    public static string Second(string ns, int partition, long unixSeconds) =>
        string.Create(CultureInfo.InvariantCulture, $"{ns}live:{PartitionKeys.Tag(partition)}:second:{unixSeconds}");

    /// <summary>The wall-clock second (Unix seconds) an instant in Unix milliseconds falls in; before 1970 too.</summary>
    public static long SecondOf(long unixMs) => Math.DivRem(unixMs, 1000, out var rest) - (rest < 0 ? 1 : 0);

    public static string TitleField(string titleId) => "title:" + titleId;

    public static string PlayingAll(string ns, int partition) => $"{ns}live:{PartitionKeys.Tag(partition)}:playing:all";

    public static string PlayingTitle(string ns, int partition, string titleId) =>
        $"{ns}live:{PartitionKeys.Tag(partition)}:playing:title:{titleId}";

    /// <summary>A member of the all-titles set: the whole stream key.</summary>
    public static string AllMember(string customerId, string deviceId, string titleId) =>
        string.Concat(customerId, MemberSeparator.ToString(), deviceId, MemberSeparator.ToString(), titleId);

    /// <summary>A member of a title's set: the title is the key's, so the member is customer and device.</summary>
    public static string TitleMember(string customerId, string deviceId) => customerId + MemberSeparator + deviceId;
}
