using Streaming.PartitionedState.Window;

namespace Streaming.Sessionization.Domain;

/// <summary>
/// What a stream is and how watched time counts (docs/metrics.md, "Streams" and "Minutes streamed"), as a fold over
/// one stream key's (customer, device, title) events in time order. The one place these rules live.
/// <list type="bullet">
/// <item>A stream opens at the key's first event, at every <c>play</c>, at the first event after a <c>stop</c>, and at
/// the first event after more than the inactivity timeout without one. It is attributed to the territory, offer
/// and season of the event that opened it, and counted in the quarter hour it opened in.</item>
/// <item>After a <c>play</c>, <c>resume</c> or <c>heartbeat</c>, the time until the key's next event is watched, capped at
/// the maximum gap (a closed app sends nothing), counted in the quarter hour of the earlier event, for the stream it
/// belongs to. After a <c>pause</c> or <c>stop</c> nothing is watched.</item>
/// </list>
/// </summary>
public readonly struct StreamDefinition(SessionRules rules) : IWindowFold<TimelineEvent, StreamCursor, Contribution>
{
    public long AllowedLatenessMs => rules.AllowedLatenessMs;

    /// <summary>Whether <paramref name="e"/> opens a new stream, given the key's event before it (null: none).</summary>
    public bool Opens(in TimelineEvent e, TimelineEvent? previous) =>
        previous is not { } before
        || e.Kind == PlaybackKind.Play
        || before.Kind == PlaybackKind.Stop
        || e.AtMs - before.AtMs > rules.InactivityTimeoutMs;

    /// <summary>The watched time between a playing event and the next one.</summary>
    public long WatchedMs(in TimelineEvent playing, in TimelineEvent next) => Math.Min(next.AtMs - playing.AtMs, rules.MaxGapMs);

    public StreamCursor Advance(StreamCursor state, in TimelineEvent e) =>
        new(e, Opens(e, state.Previous) ? StreamAttribution.OpenedBy(e) : state.Stream);

    public StreamCursor Count(StreamCursor state, in TimelineEvent e, Contribution into, int sign)
    {
        if (Opens(e, state.Previous))
        {
            var opened = StreamAttribution.OpenedBy(e);
            into.AddStream(opened, sign);
            return new StreamCursor(e, opened);
        }
        var previous = state.Previous!.Value;
        if (previous.Kind.IsPlaying())
        {
            into.AddWatched(previous.AtMs, state.Stream!, WatchedMs(previous, e), sign);
        }
        return new StreamCursor(e, state.Stream);
    }

    public string? EventIdOf(StreamCursor state) => state.Previous?.EventId;
}

/// <summary>Where a key's fold stands: its latest event so far and the stream that event belongs to (both null before any).</summary>
public readonly record struct StreamCursor(TimelineEvent? Previous, StreamAttribution? Stream);
