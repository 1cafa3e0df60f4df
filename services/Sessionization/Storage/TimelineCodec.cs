using System.Globalization;
using StackExchange.Redis;
using Streaming.Sessionization.Domain;

namespace Streaming.Sessionization.Storage;

/// <summary>
/// A timeline as one Redis hash: <c>v</c> version (raised by every commit, checked before the next), <c>mx</c>
/// newest event time seen, <c>a</c> the anchor and its stream, and one field <c>e:{eventId}</c> per event in the
/// window, so a commit writes only the events it adds and deletes only those it prunes. Ingest rejects control
/// characters in ids, so U+001F can separate values.
/// </summary>
public static class TimelineCodec
{
    public const string VersionField = "v";
    public const string MaxSeenField = "mx";
    public const string AnchorField = "a";
    public const string EventPrefix = "e:";

    private const char Sep = SessionKeys.Separator;

    public static string EventField(string eventId) => EventPrefix + eventId;

    public static string EncodeEvent(TimelineEvent e) => string.Join(Sep,
        ((byte)e.Kind).ToString(CultureInfo.InvariantCulture), e.AtMs.ToString(CultureInfo.InvariantCulture),
        e.Marketplace, e.Offer, e.SeasonId ?? "");

    public static TimelineEvent DecodeEvent(string eventId, string value)
    {
        var p = value.Split(Sep);
        return new TimelineEvent(eventId, (PlaybackKind)byte.Parse(p[0], CultureInfo.InvariantCulture),
            long.Parse(p[1], CultureInfo.InvariantCulture), AttributePool.Share(p[2]), AttributePool.Share(p[3]),
            p[4].Length == 0 ? null : AttributePool.Share(p[4]));
    }

    public static string EncodeAnchor(TimelineEvent anchor, StreamAttribution stream) => string.Join(Sep,
        anchor.EventId, EncodeEvent(anchor), stream.Marketplace, stream.Offer, stream.SeasonId ?? "",
        stream.OpenedAtMs.ToString(CultureInfo.InvariantCulture));

    /// <summary>Rebuilds a timeline and its version from HGETALL; an empty hash is a key never seen (version 0).</summary>
    public static (KeyTimeline Timeline, long Version) Decode(HashEntry[] entries)
    {
        long version = 0;
        long? maxSeen = null;
        TimelineEvent? anchor = null;
        StreamAttribution? stream = null;
        var events = new List<TimelineEvent>(entries.Length);
        foreach (var entry in entries)
        {
            var name = (string)entry.Name!;
            var value = (string)entry.Value!;
            if (name.StartsWith(EventPrefix, StringComparison.Ordinal))
            {
                events.Add(DecodeEvent(name[EventPrefix.Length..], value));
            }
            else if (name == VersionField)
            {
                version = long.Parse(value, CultureInfo.InvariantCulture);
            }
            else if (name == MaxSeenField)
            {
                maxSeen = long.Parse(value, CultureInfo.InvariantCulture);
            }
            else if (name == AnchorField)
            {
                var p = value.Split(Sep);
                anchor = DecodeEvent(p[0], string.Join(Sep, p[1..6]));
                stream = new StreamAttribution(p[6], p[7], p[8].Length == 0 ? null : p[8], long.Parse(p[9], CultureInfo.InvariantCulture));
            }
        }
        return (KeyTimeline.Restore(anchor, stream, events, maxSeen), version);
    }
}
