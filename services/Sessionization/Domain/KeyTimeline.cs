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
    /// </summary>
    public ApplyResult Apply(IEnumerable<TimelineEvent> arrivals, SessionRules rules)
    {
        var before = Contribute(rules, streams: null);
        var added = new List<TimelineEvent>();
        int duplicates = 0, late = 0;
        foreach (var e in arrivals)
        {
            if (_ids.Contains(e.EventId) || Anchor?.EventId == e.EventId)
            {
                duplicates++;
                continue;
            }
            if (MaxSeenMs is { } newest && e.AtMs < newest - rules.AllowedLatenessMs)
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

        if (added.Count == 0)
        {
            return new ApplyResult(new Contribution(), added, [], duplicates, late, AnchorChanged: false);
        }

        var streams = new StreamAttribution[_events.Count];
        var delta = Contribute(rules, streams);
        foreach (var (key, value) in before.Values)
        {
            delta.Add(key, new BucketValue(-value.WatchedMs, -value.Streams));
        }
        var pruned = Prune(rules, streams);
        return new ApplyResult(delta, added, pruned, duplicates, late, AnchorChanged: pruned.Count > 0);
    }

    /// <summary>What the events after the anchor add to the counters (the definitions in docs/metrics.md).</summary>
    public Contribution Contribute(SessionRules rules) => Contribute(rules, streams: null);

    private Contribution Contribute(SessionRules rules, StreamAttribution[]? streams)
    {
        var result = new Contribution();
        var previous = Anchor;
        var stream = AnchorStream;
        for (var i = 0; i < _events.Count; i++)
        {
            var e = _events[i];
            var opens = previous is null
                || e.Kind == PlaybackKind.Play
                || previous.Kind == PlaybackKind.Stop
                || e.AtMs - previous.AtMs > rules.InactivityTimeoutMs;
            if (opens)
            {
                stream = StreamAttribution.OpenedBy(e);
                result.AddStream(stream);
            }
            else if (previous!.Kind.IsPlaying())
            {
                result.AddWatched(previous.AtMs, stream!, Math.Min(e.AtMs - previous.AtMs, rules.MaxGapMs));
            }
            if (streams is not null) streams[i] = stream!;
            previous = e;
        }
        return result;
    }

    private List<string> Prune(SessionRules rules, StreamAttribution[] streams)
    {
        var horizon = MaxSeenMs!.Value - rules.AllowedLatenessMs;
        var last = -1;
        while (last + 1 < _events.Count && _events[last + 1].AtMs < horizon) last++;
        if (last < 0) return [];

        var pruned = new List<string>(last + 1);
        for (var i = 0; i <= last; i++)
        {
            pruned.Add(_events[i].EventId);
            _ids.Remove(_events[i].EventId);
        }
        Anchor = _events[last];
        AnchorStream = streams[last];
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
