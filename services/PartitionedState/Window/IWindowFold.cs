namespace Streaming.PartitionedState.Window;

/// <summary>
/// A service's rules as a left fold over one key's events in time order: <typeparamref name="TState"/> is what the
/// events so far leave behind (the anchor of a pruned window is such a state). The window recomputes only the part
/// after the first event a batch inserts, so the fold must not look ahead: what an event does depends on the state
/// before it and on the event alone.
/// </summary>
public interface IWindowRules<TEvent, TState>
    where TEvent : IWindowEvent<TEvent>
{
    /// <summary>Events older than the newest seen minus this are late: dropped on arrival, pruned from the window.</summary>
    long AllowedLatenessMs { get; }

    /// <summary>The state after <paramref name="e"/>, without counting anything.</summary>
    TState Advance(TState state, in TEvent e);

    /// <summary>The id of the event a state was left by, when the state remembers it (a repeat of it is a duplicate).</summary>
    string? EventIdOf(TState state);
}

/// <summary>The rules' fold that also counts: <typeparamref name="TDelta"/> collects what the events count.</summary>
public interface IWindowFold<TEvent, TState, in TDelta> : IWindowRules<TEvent, TState>
    where TEvent : IWindowEvent<TEvent>
{
    /// <summary>The state after <paramref name="e"/>, adding <paramref name="sign"/> × what it counts to <paramref name="into"/>.</summary>
    TState Count(TState state, in TEvent e, TDelta into, int sign);
}
