namespace Streaming.PartitionedState.Window;

/// <summary>
/// The events of one key that can still change its counts, in time order, after an anchor state. Arrivals are
/// deduplicated by event id and dropped when older than the lateness horizon (newest event time seen minus the
/// allowed lateness); events that fall behind the horizon are pruned into the anchor, because nothing accepted later
/// can land before them. A batch changes the counts by "fold after the merge minus fold before it", recomputed only
/// from the first position a new event lands at, so any arrival order within the lateness gives the counts of time order.
/// A window holds at most a given number of events: arrivals beyond it are refused (over the limit), so one key flooded
/// with distinct events costs bounded memory and Redis work. Only a flood reaches the limit, and only then does the
/// arrival order decide which events count.
/// </summary>
public class EventWindow<TEvent, TState>
    where TEvent : IWindowEvent<TEvent>
{
    private readonly List<TEvent> _events = [];
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    public EventWindow(TState anchor, IEnumerable<TEvent> events, long? maxSeenMs)
    {
        AnchorState = anchor;
        MaxSeenMs = maxSeenMs;
        foreach (var e in events.Order())
        {
            if (_ids.Add(e.EventId)) _events.Add(e);
        }
    }

    /// <summary>What the pruned events left behind; the fold starts from it.</summary>
    public TState AnchorState { get; private set; }

    public long? MaxSeenMs { get; private set; }

    public IReadOnlyList<TEvent> Events => _events;

    /// <summary>
    /// Applies events in arrival order: a repeated eventId is a duplicate, an event older than the lateness horizon of
    /// the events accepted before it is late, one that would leave the window holding more than <paramref name="maxEvents"/>
    /// events after pruning is over the limit, the rest are merged in time order; then the window is pruned.
    /// <paramref name="delta"/> receives how the counts change.
    /// </summary>
    public WindowChange<TEvent, TState, TDelta> Apply<TDelta, TFold>(IReadOnlyList<TEvent> arrivals, TFold fold, TDelta delta, int maxEvents)
        where TFold : IWindowFold<TEvent, TState, TDelta>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEvents, 1);
        var accepted = new List<TEvent>();
        HashSet<string>? acceptedIds = null; // a key usually brings one or two events a batch: a set only for many
        var anchorId = fold.EventIdOf(AnchorState);
        var newest = MaxSeenMs;
        int duplicates = 0, late = 0, overLimit = 0;
        for (var i = 0; i < arrivals.Count; i++)
        {
            var e = arrivals[i];
            var id = e.EventId;
            var repeatInBatch = acceptedIds?.Contains(id) ?? accepted.Exists(a => a.EventId == id);
            if (_ids.Contains(id) || anchorId == id || repeatInBatch)
            {
                duplicates++;
            }
            else if (newest is { } seen && e.AtMs < seen - fold.AllowedLatenessMs)
            {
                late++;
            }
            else if (_events.Count + accepted.Count >= maxEvents && KeptWith(e, newest, accepted, fold.AllowedLatenessMs) > maxEvents)
            {
                overLimit++;
            }
            else
            {
                accepted.Add(e);
                if (acceptedIds is not null) acceptedIds.Add(id);
                else if (accepted.Count > 8) acceptedIds = accepted.Select(a => a.EventId).ToHashSet(StringComparer.Ordinal);
                newest = Math.Max(newest ?? long.MinValue, e.AtMs);
            }
        }
        if (accepted.Count == 0)
        {
            return new WindowChange<TEvent, TState, TDelta>(delta, accepted, [], duplicates, late, overLimit, AnchorChanged: false, StateBefore(_events.Count, fold));
        }

        // Everything before the first place an accepted event lands keeps its contribution.
        var from = int.MaxValue;
        foreach (var e in accepted) from = Math.Min(from, InsertionIndex(e));
        var before = StateBefore(from, fold);
        Count(from, before, fold, delta, sign: -1);
        foreach (var e in accepted)
        {
            _events.Insert(InsertionIndex(e), e);
            _ids.Add(e.EventId);
        }
        MaxSeenMs = newest;
        var last = Count(from, before, fold, delta, sign: +1);

        var pruned = Prune(fold);
        return new WindowChange<TEvent, TState, TDelta>(delta, accepted, pruned, duplicates, late, overLimit, AnchorChanged: pruned.Count > 0, last);
    }

    /// <summary>
    /// How many events the window would keep after pruning with <paramref name="e"/> added: those at or after the
    /// horizon its arrival sets. Asked only of a window near its limit, so a full key still takes newer events.
    /// </summary>
    private int KeptWith(in TEvent e, long? newest, List<TEvent> accepted, long allowedLatenessMs)
    {
        var horizon = Math.Max(newest ?? long.MinValue, e.AtMs) - allowedLatenessMs;
        var kept = _events.Count - FirstAtOrAfter(horizon) + 1;
        foreach (var a in accepted)
        {
            if (a.AtMs >= horizon) kept++;
        }
        return kept;
    }

    private int FirstAtOrAfter(long atMs)
    {
        int lo = 0, hi = _events.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_events[mid].AtMs < atMs) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>What every event after the anchor counts, and the state after the last of them.</summary>
    public TState CountAll<TDelta, TFold>(TFold fold, TDelta into)
        where TFold : IWindowFold<TEvent, TState, TDelta> =>
        Count(0, AnchorState, fold, into, sign: +1);

    private int InsertionIndex(TEvent e)
    {
        var at = _events.BinarySearch(e);
        return at < 0 ? ~at : at;
    }

    /// <summary>The state after the events before window position <paramref name="index"/>.</summary>
    private TState StateBefore<TRules>(int index, TRules rules)
        where TRules : IWindowRules<TEvent, TState>
    {
        var state = AnchorState;
        for (var i = 0; i < index; i++) state = rules.Advance(state, _events[i]);
        return state;
    }

    /// <summary>Drops the events behind the lateness horizon; the state they leave becomes the anchor.</summary>
    private List<string> Prune<TRules>(TRules rules)
        where TRules : IWindowRules<TEvent, TState>
    {
        var horizon = MaxSeenMs!.Value - rules.AllowedLatenessMs;
        var count = 0;
        while (count < _events.Count && _events[count].AtMs < horizon) count++;
        if (count == 0) return [];

        var anchor = StateBefore(count, rules);
        var pruned = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            pruned.Add(_events[i].EventId);
            _ids.Remove(_events[i].EventId);
        }
        AnchorState = anchor;
        _events.RemoveRange(0, count);
        return pruned;
    }

    private TState Count<TDelta, TFold>(int from, TState state, TFold fold, TDelta into, int sign)
        where TFold : IWindowFold<TEvent, TState, TDelta>
    {
        for (var i = from; i < _events.Count; i++) state = fold.Count(state, _events[i], into, sign);
        return state;
    }
}
