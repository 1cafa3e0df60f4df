namespace Streaming.Sessionization.Domain;

/// <summary>How one stream key's entry in the "playing now" sets changes when a batch moves its latest event.</summary>
public readonly record struct PlayingChange(PlayingChange.Action What, long UntilMs)
{
    public enum Action : byte
    {
        /// <summary>The latest event did not change: the entry is right as it is.</summary>
        None,

        /// <summary>Add the key, or move its score, to <see cref="UntilMs"/>.</summary>
        Add,

        /// <summary>Remove the key: its latest event no longer plays.</summary>
        Remove,
    }

    public static readonly PlayingChange None = new(Action.None, 0);
    public static readonly PlayingChange Remove = new(Action.Remove, 0);

    public static PlayingChange Add(long untilMs) => new(Action.Add, untilMs);
}

/// <summary>
/// "Streams playing now" (docs/metrics.md, Live): a stream key plays at instant t when its latest event in event time
/// is a play, resume or heartbeat that occurred less than the maximum gap before t. Only the latest event decides, so
/// a late heartbeat that lands before a stop never makes the key play again.
/// </summary>
public static class PlayingNow
{
    /// <summary>
    /// The instant (Unix ms, exclusive) until which a key whose latest event is <paramref name="latest"/> counts as
    /// playing, or null when that event is a pause or a stop.
    /// </summary>
    public static long? PlayingUntil(TimelineEvent latest, SessionRules rules) =>
        latest.Kind.IsPlaying() ? latest.AtMs + rules.MaxGapMs : null;

    /// <summary>
    /// The change of the key's entry when its latest event goes from <paramref name="before"/> to
    /// <paramref name="after"/> in a commit made at <paramref name="nowMs"/>. A key is added only while it plays at
    /// that instant (a backfill of old events adds nothing). It is removed only when its entry may still count: an
    /// entry whose instant has passed counts no more and is left to the pruning, so traffic of the past (a backfill, a
    /// benchmark) costs no set writes at all.
    /// </summary>
    public static PlayingChange Change(TimelineEvent? before, TimelineEvent after, long nowMs, SessionRules rules)
    {
        if (before?.EventId == after.EventId)
        {
            return PlayingChange.None;
        }
        if (PlayingUntil(after, rules) is { } until && until > nowMs)
        {
            return PlayingChange.Add(until);
        }
        return before is { } previous && PlayingUntil(previous, rules) is { } was && was > nowMs ? PlayingChange.Remove : PlayingChange.None;
    }
}
