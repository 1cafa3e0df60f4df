using Streaming.PartitionedState.Window;

namespace Streaming.PartitionedState.Storage;

/// <summary>
/// How a service writes its events and anchor into the values of a timeline hash (<see cref="TimelineHash"/>), and
/// which timeline type it restores. Values must not contain the separator U+001F (ingest rejects control characters).
/// </summary>
public interface ITimelineFormat<TEvent, TState, out TTimeline>
    where TEvent : IWindowEvent<TEvent>
    where TTimeline : EventWindow<TEvent, TState>
{
    string EncodeEvent(in TEvent e);

    TEvent DecodeEvent(string eventId, string value);

    string EncodeAnchor(TState anchor);

    /// <summary>A timeline from its stored parts; <paramref name="anchor"/> is null for a key that never pruned.</summary>
    TTimeline Restore(string? anchor, List<TEvent> events, long? maxSeenMs);
}
