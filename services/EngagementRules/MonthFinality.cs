namespace Streaming.EngagementRules;

/// <summary>
/// When a month's ranking stops changing (docs/metrics.md, "Final months"). A month is final once the wall clock has
/// passed its end by the grace and every playback partition has caught up past that moment: each has applied, and
/// its facts have reached the counters, everything queued on it before a progress probe sent then. The newest month
/// that rule has made final is the state's <c>final_through</c>; it only moves forward.
/// </summary>
public static class MonthFinality
{
    /// <summary>
    /// The newest month that is final when every partition has caught up to <paramref name="caughtUpTo"/>: the
    /// newest whose end plus <paramref name="grace"/> is not after it.
    /// </summary>
    public static UtcMonth FinalThrough(DateTimeOffset caughtUpTo, TimeSpan grace) => UtcMonth.Of(caughtUpTo - grace).Previous;

    /// <summary>
    /// The moment every one of <paramref name="partitions"/> has caught up to: the oldest progress among them; none
    /// while a partition has reported none.
    /// </summary>
    public static DateTimeOffset? CaughtUpTo(IReadOnlyDictionary<int, DateTimeOffset> progress, int partitions)
    {
        DateTimeOffset? oldest = null;
        for (var p = 0; p < partitions; p++)
        {
            if (!progress.TryGetValue(p, out var reached)) return null;
            oldest = oldest is { } o && o < reached ? o : reached;
        }
        return oldest;
    }

    /// <summary>
    /// Whether <paramref name="month"/> is final, what the gateway shows: reopened by an operator, no; closed, yes;
    /// open (it has facts and waits for its close) or closing (its close is going through its territories' slots), no;
    /// otherwise final when <paramref name="finalThrough"/> has reached it, so a month without facts needs no close of
    /// its own.
    /// </summary>
    public static bool IsFinal(UtcMonth month, MonthRecord record, UtcMonth? finalThrough) => record switch
    {
        MonthRecord.Reopened => false,
        MonthRecord.Final => true,
        MonthRecord.Open or MonthRecord.Closing => false,
        _ => finalThrough is { } f && month.CompareTo(f) <= 0,
    };

    /// <summary>
    /// Whether facts of <paramref name="month"/> count, as register-facts.lua judges it: as <see cref="IsFinal"/>, except
    /// that a closing month takes none (they are late): its close has started, and a slot it has closed turns them away.
    /// </summary>
    public static bool TakesFacts(UtcMonth month, MonthRecord record, UtcMonth? finalThrough) =>
        record != MonthRecord.Closing && !IsFinal(month, record, finalThrough);
}

/// <summary>Where a month is recorded in the engagement layout, if anywhere (<see cref="EngagementLayout"/>).</summary>
public enum MonthRecord
{
    None,
    Open,
    Final,
    Reopened,

    /// <summary>Its close (or an operator's reset) is going through its territories' slots.</summary>
    Closing,
}
