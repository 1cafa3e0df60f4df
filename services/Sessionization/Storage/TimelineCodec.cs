using System.Globalization;
using StackExchange.Redis;
using Streaming.PartitionedState.Storage;
using Streaming.Sessionization.Domain;

namespace Streaming.Sessionization.Storage;

/// <summary>
/// A stream key's timeline in the core's <see cref="TimelineHash"/>: an event is <c>kind␟ms␟marketplace␟offer␟season</c>,
/// the anchor is the anchor event (<c>id␟</c> and the event) followed by its stream (<c>marketplace␟offer␟season␟openedMs</c>).
/// </summary>
public sealed class TimelineCodec : ITimelineFormat<TimelineEvent, StreamCursor, KeyTimeline>
{
    public static readonly TimelineCodec Instance = new();

    private const char Sep = TimelineHash.Separator;

    public string EncodeEvent(in TimelineEvent e) => string.Join(Sep,
        ((byte)e.Kind).ToString(CultureInfo.InvariantCulture), e.AtMs.ToString(CultureInfo.InvariantCulture),
        e.Marketplace, e.Offer, e.SeasonId ?? "");

    public TimelineEvent DecodeEvent(string eventId, string value)
    {
        var p = value.Split(Sep);
        return new TimelineEvent(eventId, (PlaybackKind)byte.Parse(p[0], CultureInfo.InvariantCulture),
            long.Parse(p[1], CultureInfo.InvariantCulture), AttributePool.Share(p[2]), AttributePool.Share(p[3]),
            p[4].Length == 0 ? null : AttributePool.Share(p[4]));
    }

    public string EncodeAnchor(StreamCursor anchor)
    {
        var (e, stream) = (anchor.Previous!.Value, anchor.Stream!);
        return string.Join(Sep, e.EventId, EncodeEvent(e), stream.Marketplace, stream.Offer, stream.SeasonId ?? "",
            stream.OpenedAtMs.ToString(CultureInfo.InvariantCulture));
    }

    public KeyTimeline Restore(string? anchor, List<TimelineEvent> events, long? maxSeenMs)
    {
        if (anchor is null) return new KeyTimeline(default, events, maxSeenMs);
        var p = anchor.Split(Sep);
        var previous = DecodeEvent(p[0], string.Join(Sep, p[1..6]));
        var stream = new StreamAttribution(p[6], p[7], p[8].Length == 0 ? null : p[8], long.Parse(p[9], CultureInfo.InvariantCulture));
        return new KeyTimeline(new StreamCursor(previous, stream), events, maxSeenMs);
    }

    /// <summary>Rebuilds a timeline and its version from HGETALL; an empty hash is a key never seen (version 0).</summary>
    public static KeyTimeline Decode(HashEntry[] entries) => TimelineHash.Decode(entries, Instance);
}
