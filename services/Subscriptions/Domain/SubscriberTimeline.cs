namespace Streaming.Subscriptions.Domain;

/// <summary>
/// The events of one subscriber key (customer, channel) that can still change its counts, in time order, after an
/// anchor. Events older than the lateness horizon (newest event time seen minus the allowed lateness) can no longer
/// be joined by an accepted event, so their counts are final and they are dropped into the anchor.
/// <para>
/// Replaying the window from the anchor gives the key's counts per local day; a batch changes the counters by
/// "replay after the merge minus replay before it", so any order of arrival within the lateness gives exactly the
/// counts of time order, rejected transitions included.
/// </para>
/// </summary>
public sealed class SubscriberTimeline
{
    private readonly List<SubscriberEvent> _events = [];
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    public SubscriberAnchor Anchor { get; private set; } = SubscriberAnchor.Start;

    public long? MaxSeenMs { get; private set; }

    public IReadOnlyList<SubscriberEvent> Events => _events;

    public static SubscriberTimeline Restore(SubscriberAnchor anchor, IEnumerable<SubscriberEvent> events, long? maxSeenMs)
    {
        var timeline = new SubscriberTimeline { Anchor = anchor, MaxSeenMs = maxSeenMs };
        foreach (var e in events.Order())
        {
            if (timeline._ids.Add(e.EventId)) timeline._events.Add(e);
        }
        return timeline;
    }

    /// <summary>
    /// Applies events in arrival order: a repeated eventId is ignored, an event older than the lateness horizon of
    /// the events seen before it is dropped, the rest are merged in time order. Returns how the counts change.
    /// </summary>
    public ApplyResult Apply(IEnumerable<SubscriberEvent> arrivals, long allowedLatenessMs)
    {
        var before = Replay().Counts;
        var added = new List<SubscriberEvent>();
        int duplicates = 0, late = 0;
        foreach (var e in arrivals)
        {
            if (_ids.Contains(e.EventId))
            {
                duplicates++;
                continue;
            }
            if (MaxSeenMs is { } newest && e.AtMs < newest - allowedLatenessMs)
            {
                late++;
                continue;
            }
            var at = _events.BinarySearch(e);
            _events.Insert(at < 0 ? ~at : at, e);
            _ids.Add(e.EventId);
            added.Add(e);
            MaxSeenMs = Math.Max(MaxSeenMs ?? long.MinValue, e.AtMs);
        }

        var after = Replay();
        if (added.Count == 0)
        {
            return new ApplyResult(new Tally(), added, [], duplicates, late, AnchorChanged: false, after.FinalState);
        }
        var delta = after.Counts;
        delta.AddAll(before, sign: -1);
        var pruned = Prune(allowedLatenessMs, after.Steps);
        return new ApplyResult(delta, added, pruned, duplicates, late, AnchorChanged: pruned.Count > 0, after.FinalState);
    }

    /// <summary>The counts of the events after the anchor, and the state after the last of them (the rules: docs/metrics.md).</summary>
    public (Tally Counts, SubscriptionState FinalState) Count()
    {
        var replay = Replay();
        return (replay.Counts, replay.FinalState);
    }

    private Replayed Replay()
    {
        var counts = new Tally();
        var steps = new SubscriberAnchor[_events.Count];
        var (state, lastDay) = (Anchor.State, Anchor.LastDayNumber);
        for (var i = 0; i < _events.Count; i++)
        {
            var e = _events[i];
            // A subscriber's days never run backwards: an offset change (travel) cannot move an event before the day
            // of the one preceding it, so no day sees a customer leave before they joined.
            var day = Math.Max(e.LocalDayNumber, lastDay ?? int.MinValue);
            var transition = SubscriptionStateMachine.Apply(state, e.Kind);
            if (transition.Rejected is { } reason)
            {
                counts.Reject(reason);
            }
            else
            {
                counts.Count(day, transition.Counted!.Value);
                counts.CountUtc(e.UtcDayNumber, transition.Counted.Value);
                counts.Count(day, ChannelMetric.ActiveTrialChange, transition.ActiveTrialChange);
                counts.Count(day, ChannelMetric.ActivePaidChange, transition.ActivePaidChange);
            }
            (state, lastDay) = (transition.To, day);
            steps[i] = new SubscriberAnchor(state, lastDay);
        }
        return new Replayed(counts, state, steps);
    }

    private List<string> Prune(long allowedLatenessMs, SubscriberAnchor[] steps)
    {
        var horizon = MaxSeenMs!.Value - allowedLatenessMs;
        var last = -1;
        while (last + 1 < _events.Count && _events[last + 1].AtMs < horizon) last++;
        if (last < 0) return [];

        var pruned = new List<string>(last + 1);
        for (var i = 0; i <= last; i++)
        {
            pruned.Add(_events[i].EventId);
            _ids.Remove(_events[i].EventId);
        }
        Anchor = steps[last];
        _events.RemoveRange(0, last + 1);
        return pruned;
    }

    private sealed record Replayed(Tally Counts, SubscriptionState FinalState, SubscriberAnchor[] Steps);
}

/// <summary>
/// The outcome of one <see cref="SubscriberTimeline.Apply"/>: the change of the counts, the events stored, the events
/// pruned into the anchor, what was ignored, and the state after the newest event (an active subscriber's state is
/// kept for good; see the storage).
/// </summary>
public sealed record ApplyResult(
    Tally Delta,
    IReadOnlyList<SubscriberEvent> Added,
    IReadOnlyList<string> PrunedEventIds,
    int Duplicates,
    int Late,
    bool AnchorChanged,
    SubscriptionState FinalState);
