using Streaming.PartitionedState.Window;

namespace Streaming.Sessionization.Domain;

/// <summary>
/// One stream key's (customer, device, title) events that can still change its counters, after the anchor: the
/// latest event pruned from the window and the stream it belongs to. The windowing is the shared
/// <see cref="EventWindow{TEvent,TState}"/>; what the events count is <see cref="StreamDefinition"/>.
/// </summary>
public sealed class KeyTimeline(StreamCursor anchor, IEnumerable<TimelineEvent> events, long? maxSeenMs)
    : EventWindow<TimelineEvent, StreamCursor>(anchor, events, maxSeenMs)
{
    public KeyTimeline() : this(default, [], null)
    {
    }

    public TimelineEvent? Anchor => AnchorState.Previous;

    /// <summary>The stream the anchor belongs to; the attribution of what follows it, until a new stream opens.</summary>
    public StreamAttribution? AnchorStream => AnchorState.Stream;

    /// <summary>The key's latest event in time order (never pruned: it defines the horizon), or null for a key never seen.</summary>
    public TimelineEvent? Latest => Events.Count > 0 ? Events[^1] : Anchor;

    public static KeyTimeline Restore(TimelineEvent? anchor, StreamAttribution? anchorStream, IEnumerable<TimelineEvent> events, long? maxSeenMs)
    {
        if ((anchor is null) != (anchorStream is null))
        {
            throw new ArgumentException("an anchor and its stream come together");
        }
        return new KeyTimeline(new StreamCursor(anchor, anchorStream), events, maxSeenMs);
    }

    /// <summary>
    /// Applies events in arrival order (repeats, events behind the lateness horizon and events beyond
    /// <paramref name="maxEvents"/> kept are ignored) and returns how the counters change.
    /// </summary>
    public WindowChange<TimelineEvent, StreamCursor, Contribution> Apply(IReadOnlyList<TimelineEvent> arrivals, SessionRules rules,
        int maxEvents = SessionizationOptions.DefaultMaxEventsPerKey) =>
        Apply(arrivals, new StreamDefinition(rules), new Contribution(), maxEvents);

    /// <summary>What the events after the anchor add to the counters.</summary>
    public Contribution Contribute(SessionRules rules)
    {
        var result = new Contribution();
        CountAll(new StreamDefinition(rules), result);
        return result;
    }
}
