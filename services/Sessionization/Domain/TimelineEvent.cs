using Streaming.PartitionedState.Window;

namespace Streaming.Sessionization.Domain;

/// <summary>
/// One event of a stream key, reduced to what the definitions use. A struct: timelines hold millions of them in
/// memory, and each object the garbage collector does not have to trace or promote is CPU saved per event.
/// </summary>
public readonly record struct TimelineEvent(
    string EventId,
    PlaybackKind Kind,
    long AtMs,
    string Marketplace,
    string Offer,
    string? SeasonId) : IWindowEvent<TimelineEvent>
{
    /// <summary>Time order; ties by kind (play, resume, heartbeat, pause, stop), then by eventId.</summary>
    public int CompareTo(TimelineEvent other)
    {
        var byTime = AtMs.CompareTo(other.AtMs);
        if (byTime != 0) return byTime;
        var byKind = Kind.CompareTo(other.Kind);
        return byKind != 0 ? byKind : string.CompareOrdinal(EventId, other.EventId);
    }
}

/// <summary>What a stream is attributed to: its opening event's territory, offer and season, and when it opened.</summary>
public sealed record StreamAttribution(string Marketplace, string Offer, string? SeasonId, long OpenedAtMs)
{
    public static StreamAttribution OpenedBy(TimelineEvent e) => new(e.Marketplace, e.Offer, e.SeasonId, e.AtMs);
}
