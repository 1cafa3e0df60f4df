using Streaming.PartitionedState.Window;

namespace Streaming.Subscriptions.Domain;

/// <summary>
/// One subscriber key's (customer, channel) events that can still change its counts, after an anchor (the state and
/// day the pruned events left). The windowing is the shared <see cref="EventWindow{TEvent,TState}"/>; what the events
/// count is <see cref="SubscriberCounting"/>.
/// </summary>
public sealed class SubscriberTimeline(SubscriberAnchor anchor, IEnumerable<SubscriberEvent> events, long? maxSeenMs)
    : EventWindow<SubscriberEvent, SubscriberAnchor>(anchor, events, maxSeenMs)
{
    public SubscriberTimeline() : this(SubscriberAnchor.Start, [], null)
    {
    }

    public SubscriberAnchor Anchor => AnchorState;

    public static SubscriberTimeline Restore(SubscriberAnchor anchor, IEnumerable<SubscriberEvent> events, long? maxSeenMs) =>
        new(anchor, events, maxSeenMs);

    /// <summary>
    /// Applies events in arrival order (repeats, events behind the lateness horizon and events beyond
    /// <paramref name="maxEvents"/> kept are ignored) and returns how the counts change; <c>Last</c> is the subscriber's
    /// state after the newest event.
    /// </summary>
    public WindowChange<SubscriberEvent, SubscriberAnchor, Tally> Apply(IReadOnlyList<SubscriberEvent> arrivals, long allowedLatenessMs,
        int maxEvents = SubscriptionsOptions.DefaultMaxEventsPerKey) =>
        Apply(arrivals, new SubscriberCounting(allowedLatenessMs), new Tally(), maxEvents);

    /// <summary>The counts of the events after the anchor, and the state after the last of them.</summary>
    public (Tally Counts, SubscriptionState FinalState) Count()
    {
        var counts = new Tally();
        var last = CountAll(new SubscriberCounting(0), counts);
        return (counts, last.State);
    }
}
