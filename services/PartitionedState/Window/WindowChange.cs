namespace Streaming.PartitionedState.Window;

/// <summary>
/// The outcome of one <see cref="EventWindow{TEvent,TState}.Apply"/>: how the counts change, the events stored (in
/// arrival order), the events pruned into the anchor, what was ignored (duplicates, late, over the window's limit), and
/// the state after the newest event.
/// </summary>
public sealed record WindowChange<TEvent, TState, TDelta>(
    TDelta Delta,
    IReadOnlyList<TEvent> Added,
    IReadOnlyList<string> PrunedEventIds,
    int Duplicates,
    int Late,
    int OverLimit,
    bool AnchorChanged,
    TState Last)
{
    /// <summary>Whether anything was stored: only then does the key need writing.</summary>
    public bool Changed => Added.Count > 0;
}
