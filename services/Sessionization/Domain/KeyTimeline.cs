namespace Streaming.Sessionization.Domain;

/// <summary>
/// The events of one stream key (customer, device, title) that can still change its counters, in time order.
/// Events older than the lateness horizon (newest event time seen minus the allowed lateness) can no longer be
/// joined by new events, so their contribution is final and they are dropped, except the last one, the anchor:
/// the next event's stream and watched time depend on it.
/// </summary>
public sealed class KeyTimeline
{
    private readonly List<TimelineEvent> _events = [];
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    public TimelineEvent? Anchor { get; private set; }

    /// <summary>The stream the anchor belongs to; the attribution of what follows it, until a new stream opens.</summary>
    public StreamAttribution? AnchorStream { get; private set; }

    public long? MaxSeenMs { get; private set; }

    public IReadOnlyList<TimelineEvent> Events => _events;

    /// <summary>The key's latest event in time order (never pruned: it defines the horizon), or null for a key never seen.</summary>
    public TimelineEvent? Latest => _events.Count > 0 ? _events[^1] : Anchor;

    public static KeyTimeline Restore(TimelineEvent? anchor, StreamAttribution? anchorStream, IEnumerable<TimelineEvent> events, long? maxSeenMs)
    {
        if ((anchor is null) != (anchorStream is null))
        {
            throw new ArgumentException("an anchor and its stream come together");
        }
        var timeline = new KeyTimeline { Anchor = anchor, AnchorStream = anchorStream, MaxSeenMs = maxSeenMs };
        foreach (var e in events.Order())
        {
            if (timeline._ids.Add(e.EventId)) timeline._events.Add(e);
        }
        return timeline;
    }

    /// <summary>
    /// Applies events in arrival order: a repeated eventId is ignored, an event older than the lateness horizon of
    /// the events seen before it is dropped, the rest are merged in time order. Returns how the counters change.
    /// Only the part of the window from the earliest merged event on is recomputed (the usual arrival, at the end,
    /// costs as much as the events it brings).
    /// </summary>
    public ApplyResult Apply(IEnumerable<TimelineEvent> arrivals, SessionRules rules)
    {
        var accepted = new List<TimelineEvent>();
        HashSet<string>? acceptedIds = null; // a key usually brings one or two events a batch: a set only for many
        var newest = MaxSeenMs;
        int duplicates = 0, late = 0;
        foreach (var e in arrivals)
        {
            var repeatInBatch = acceptedIds?.Contains(e.EventId) ?? accepted.Exists(a => a.EventId == e.EventId);
            if (_ids.Contains(e.EventId) || Anchor?.EventId == e.EventId || repeatInBatch)
            {
                duplicates++;
            }
            else if (newest is { } seen && e.AtMs < seen - rules.AllowedLatenessMs)
            {
                late++;
            }
            else
            {
                accepted.Add(e);
                if (acceptedIds is not null) acceptedIds.Add(e.EventId);
                else if (accepted.Count > 8) acceptedIds = accepted.Select(a => a.EventId).ToHashSet(StringComparer.Ordinal);
                newest = Math.Max(newest ?? long.MinValue, e.AtMs);
            }
        }
        if (accepted.Count == 0)
        {
            return new ApplyResult(new Contribution(), accepted, [], duplicates, late, AnchorChanged: false);
        }

        // Everything before the first place an accepted event lands keeps its contribution.
        var from = accepted.Min(e => InsertionIndex(e));
        var (previous, stream) = StateBefore(from, rules);
        var delta = new Contribution();
        Accumulate(from, previous, stream, rules, delta, sign: -1);
        foreach (var e in accepted)
        {
            _events.Insert(InsertionIndex(e), e);
            _ids.Add(e.EventId);
        }
        MaxSeenMs = newest;
        Accumulate(from, previous, stream, rules, delta, sign: +1);

        var pruned = Prune(rules);
        return new ApplyResult(delta, accepted, pruned, duplicates, late, AnchorChanged: pruned.Count > 0);
    }

    /// <summary>What the events after the anchor add to the counters (the definitions in docs/metrics.md).</summary>
    public Contribution Contribute(SessionRules rules)
    {
        var result = new Contribution();
        Accumulate(0, Anchor, AnchorStream, rules, result, sign: +1);
        return result;
    }

    private int InsertionIndex(TimelineEvent e)
    {
        var at = _events.BinarySearch(e);
        return at < 0 ? ~at : at;
    }

    private static bool Opens(TimelineEvent e, TimelineEvent? previous, SessionRules rules) =>
        previous is not { } before
        || e.Kind == PlaybackKind.Play
        || before.Kind == PlaybackKind.Stop
        || e.AtMs - before.AtMs > rules.InactivityTimeoutMs;

    /// <summary>The event before window position <paramref name="index"/> and the stream it belongs to.</summary>
    private (TimelineEvent? Previous, StreamAttribution? Stream) StateBefore(int index, SessionRules rules)
    {
        var previous = Anchor;
        var stream = AnchorStream;
        for (var i = 0; i < index; i++)
        {
            var e = _events[i];
            if (Opens(e, previous, rules)) stream = StreamAttribution.OpenedBy(e);
            previous = e;
        }
        return (previous, stream);
    }

    /// <summary>Adds (sign +1) or takes away (-1) the streams and watched time of window positions from <paramref name="from"/> on.</summary>
    private void Accumulate(int from, TimelineEvent? previous, StreamAttribution? stream, SessionRules rules, Contribution into, int sign)
    {
        for (var i = from; i < _events.Count; i++)
        {
            var e = _events[i];
            if (Opens(e, previous, rules))
            {
                stream = StreamAttribution.OpenedBy(e);
                into.AddStream(stream, sign);
            }
            else if (previous!.Value.Kind.IsPlaying())
            {
                into.AddWatched(previous.Value.AtMs, stream!, Math.Min(e.AtMs - previous.Value.AtMs, rules.MaxGapMs), sign);
            }
            previous = e;
        }
    }

    private List<string> Prune(SessionRules rules)
    {
        var horizon = MaxSeenMs!.Value - rules.AllowedLatenessMs;
        var last = -1;
        while (last + 1 < _events.Count && _events[last + 1].AtMs < horizon) last++;
        if (last < 0) return [];

        var (anchor, anchorStream) = StateBefore(last + 1, rules);
        var pruned = new List<string>(last + 1);
        for (var i = 0; i <= last; i++)
        {
            pruned.Add(_events[i].EventId);
            _ids.Remove(_events[i].EventId);
        }
        Anchor = anchor;
        AnchorStream = anchorStream;
        _events.RemoveRange(0, last + 1);
        return pruned;
    }
}

/// <summary>
/// The outcome of one <see cref="KeyTimeline.Apply"/>: the change of the counters, the events stored, the events
/// dropped from the window (the last of them is now the anchor), and what was ignored.
/// </summary>
public sealed record ApplyResult(
    Contribution Delta,
    IReadOnlyList<TimelineEvent> Added,
    IReadOnlyList<string> PrunedEventIds,
    int Duplicates,
    int Late,
    bool AnchorChanged);
