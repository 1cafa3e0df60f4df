using System.Globalization;
using StackExchange.Redis;
using Streaming.PartitionedState.Window;

namespace Streaming.PartitionedState.Storage;

/// <summary>
/// A timeline as one Redis hash: <c>mx</c> newest event time seen (Unix ms), <c>a</c> the anchor, and one field
/// <c>e:{eventId}</c> per event in the window (a field <c>v</c>, the per-key version earlier code checked, is ignored),
/// so a commit writes only the events it adds and deletes only those it prunes. A service's
/// <see cref="ITimelineFormat{TEvent,TState,TTimeline}"/> writes the values.
/// </summary>
public static class TimelineHash
{
    /// <summary>The per-key version of earlier code, which checked it before each commit; read and ignored.</summary>
    public const string VersionField = "v";
    public const string MaxSeenField = "mx";
    public const string AnchorField = "a";
    public const string EventPrefix = "e:";
    public const char Separator = '\u001f';

    public static string EventField(string eventId) => EventPrefix + eventId;

    /// <summary>Rebuilds a timeline from HGETALL; an empty hash is a key never seen.</summary>
    public static TTimeline Decode<TEvent, TState, TTimeline>(
        HashEntry[] entries, ITimelineFormat<TEvent, TState, TTimeline> format)
        where TEvent : IWindowEvent<TEvent>
        where TTimeline : EventWindow<TEvent, TState>
    {
        long? maxSeen = null;
        string? anchor = null;
        var events = new List<TEvent>(entries.Length);
        foreach (var entry in entries)
        {
            var name = (string)entry.Name!;
            var value = (string)entry.Value!;
            if (name.StartsWith(EventPrefix, StringComparison.Ordinal))
            {
                events.Add(format.DecodeEvent(name[EventPrefix.Length..], value));
            }
            else if (name == MaxSeenField)
            {
                maxSeen = long.Parse(value, CultureInfo.InvariantCulture);
            }
            else if (name == AnchorField)
            {
                anchor = value;
            }
        }
        return format.Restore(anchor, events, maxSeen);
    }

    /// <summary>
    /// The fields a change writes (the newest time, the anchor when it moved, the events added and not pruned at once)
    /// and those it deletes (events pruned that were stored before).
    /// </summary>
    public static (List<KeyValuePair<string, string>> Sets, List<string> Deletes) Changes<TEvent, TState, TDelta, TTimeline>(
        TTimeline timeline, WindowChange<TEvent, TState, TDelta> change, ITimelineFormat<TEvent, TState, TTimeline> format)
        where TEvent : IWindowEvent<TEvent>
        where TTimeline : EventWindow<TEvent, TState>
    {
        // The newest time goes first: a small hash is a list that Redis searches front to back.
        var sets = new List<KeyValuePair<string, string>>(change.Added.Count + 2);
        if (change.Changed)
        {
            sets.Add(new(MaxSeenField, timeline.MaxSeenMs!.Value.ToString(CultureInfo.InvariantCulture)));
        }
        if (change.AnchorChanged)
        {
            sets.Add(new(AnchorField, format.EncodeAnchor(timeline.AnchorState)));
        }
        // Usually nothing or one event is pruned: the sets below are needed only when something is.
        var pruned = change.PrunedEventIds.Count == 0 ? null : change.PrunedEventIds.ToHashSet(StringComparer.Ordinal);
        foreach (var e in change.Added)
        {
            if (pruned is null || !pruned.Contains(e.EventId))
            {
                sets.Add(new(EventField(e.EventId), format.EncodeEvent(e)));
            }
        }
        if (pruned is null)
        {
            return (sets, []);
        }
        var added = change.Added.Select(e => e.EventId).ToHashSet(StringComparer.Ordinal);
        return (sets, change.PrunedEventIds.Where(id => !added.Contains(id)).Select(EventField).ToList());
    }
}
