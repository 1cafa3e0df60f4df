using System.Globalization;
using StackExchange.Redis;
using Streaming.PartitionedState.Storage;
using Streaming.Subscriptions.Domain;

namespace Streaming.Subscriptions.Storage;

/// <summary>
/// A subscriber timeline in the core's <see cref="TimelineHash"/>: an event is <c>kind␟ms␟offsetMinutes</c>, the anchor
/// is <c>state␟lastDayNumber</c> (empty when no day yet).
/// </summary>
public sealed class TimelineCodec : ITimelineFormat<SubscriberEvent, SubscriberAnchor, SubscriberTimeline>
{
    public static readonly TimelineCodec Instance = new();

    private const char Sep = TimelineHash.Separator;

    public string EncodeEvent(in SubscriberEvent e) => string.Join(Sep,
        ((byte)e.Kind).ToString(CultureInfo.InvariantCulture), e.AtMs.ToString(CultureInfo.InvariantCulture),
        e.OffsetMinutes.ToString(CultureInfo.InvariantCulture));

    public SubscriberEvent DecodeEvent(string eventId, string value)
    {
        var p = value.Split(Sep);
        return new SubscriberEvent(eventId, (SubscriptionKind)byte.Parse(p[0], CultureInfo.InvariantCulture),
            long.Parse(p[1], CultureInfo.InvariantCulture), int.Parse(p[2], CultureInfo.InvariantCulture));
    }

    public string EncodeAnchor(SubscriberAnchor anchor) => string.Join(Sep,
        ((byte)anchor.State).ToString(CultureInfo.InvariantCulture), anchor.LastDayNumber?.ToString(CultureInfo.InvariantCulture) ?? "");

    public static SubscriberAnchor DecodeAnchor(string value)
    {
        var p = value.Split(Sep);
        return new SubscriberAnchor((SubscriptionState)byte.Parse(p[0], CultureInfo.InvariantCulture),
            p[1].Length == 0 ? null : int.Parse(p[1], CultureInfo.InvariantCulture));
    }

    public SubscriberTimeline Restore(string? anchor, List<SubscriberEvent> events, long? maxSeenMs) =>
        new(anchor is null ? SubscriberAnchor.Start : DecodeAnchor(anchor), events, maxSeenMs);

    /// <summary>Rebuilds a timeline and its version from HGETALL; an empty hash is a key never seen (version 0).</summary>
    public static SubscriberTimeline Decode(HashEntry[] entries) => TimelineHash.Decode(entries, Instance);
}
