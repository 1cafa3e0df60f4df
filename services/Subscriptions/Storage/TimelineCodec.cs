using System.Globalization;
using StackExchange.Redis;
using Streaming.Subscriptions.Domain;

namespace Streaming.Subscriptions.Storage;

/// <summary>
/// A subscriber timeline as one Redis hash: <c>v</c> version (raised by every commit, checked before the next),
/// <c>mx</c> newest event time seen (Unix ms), <c>a</c> the anchor (state and last day number), and one field
/// <c>e:{eventId}</c> per event in the window (kind, Unix ms, offset minutes), so a commit writes only the events it
/// adds and deletes only those it prunes. Ingest rejects control characters in ids, so U+001F separates values.
/// </summary>
public static class TimelineCodec
{
    public const string VersionField = "v";
    public const string MaxSeenField = "mx";
    public const string AnchorField = "a";
    public const string EventPrefix = "e:";

    private const char Sep = SubscriptionKeys.Separator;

    public static string EventField(string eventId) => EventPrefix + eventId;

    public static string EncodeEvent(SubscriberEvent e) => string.Join(Sep,
        ((byte)e.Kind).ToString(CultureInfo.InvariantCulture), e.AtMs.ToString(CultureInfo.InvariantCulture),
        e.OffsetMinutes.ToString(CultureInfo.InvariantCulture));

    public static SubscriberEvent DecodeEvent(string eventId, string value)
    {
        var p = value.Split(Sep);
        return new SubscriberEvent(eventId, (SubscriptionKind)byte.Parse(p[0], CultureInfo.InvariantCulture),
            long.Parse(p[1], CultureInfo.InvariantCulture), int.Parse(p[2], CultureInfo.InvariantCulture));
    }

    public static string EncodeAnchor(SubscriberAnchor anchor) => string.Join(Sep,
        ((byte)anchor.State).ToString(CultureInfo.InvariantCulture), anchor.LastDayNumber?.ToString(CultureInfo.InvariantCulture) ?? "");

    public static SubscriberAnchor DecodeAnchor(string value)
    {
        var p = value.Split(Sep);
        return new SubscriberAnchor((SubscriptionState)byte.Parse(p[0], CultureInfo.InvariantCulture),
            p[1].Length == 0 ? null : int.Parse(p[1], CultureInfo.InvariantCulture));
    }

    /// <summary>Rebuilds a timeline and its version from HGETALL; an empty hash is a key never seen (version 0).</summary>
    public static (SubscriberTimeline Timeline, long Version) Decode(HashEntry[] entries)
    {
        long version = 0;
        long? maxSeen = null;
        var anchor = SubscriberAnchor.Start;
        var events = new List<SubscriberEvent>(entries.Length);
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
                anchor = DecodeAnchor(value);
            }
        }
        return (SubscriberTimeline.Restore(anchor, events, maxSeen), version);
    }
}
