namespace Streaming.Subscriptions.Domain;

/// <summary>
/// Counts of one replay, or the change between two: per local day (<see cref="DateOnly.DayNumber"/>) and metric,
/// trial starts and paid conversions per UTC day as well, and rejected transitions per reason. Sparse: zeros are not kept.
/// </summary>
public sealed class Tally
{
    private readonly Dictionary<(int Day, ChannelMetric Metric), long> _days = [];
    private readonly Dictionary<(int Day, ChannelMetric Metric), long> _utcDays = [];
    private readonly Dictionary<RejectionReason, long> _rejected = [];

    public IReadOnlyDictionary<(int Day, ChannelMetric Metric), long> Days => _days;

    /// <summary>
    /// Trial starts and paid conversions per UTC date of the event's instant: the live view's "today", one boundary
    /// for every subscriber (docs/metrics.md, Live).
    /// </summary>
    public IReadOnlyDictionary<(int Day, ChannelMetric Metric), long> UtcDays => _utcDays;

    public IReadOnlyDictionary<RejectionReason, long> Rejected => _rejected;

    public bool IsEmpty => _days.Count == 0 && _utcDays.Count == 0 && _rejected.Count == 0;

    public void Count(int day, ChannelMetric metric, long by = 1) => Add(_days, (day, metric), by);

    /// <summary>Counts <paramref name="metric"/> on a UTC day when it is one the live view shows; others are not kept per UTC day.</summary>
    public void CountUtc(int utcDay, ChannelMetric metric, long by = 1)
    {
        if (metric is ChannelMetric.TrialStarts or ChannelMetric.PaidConversions) Add(_utcDays, (utcDay, metric), by);
    }

    public void Reject(RejectionReason reason, long by = 1) => Add(_rejected, reason, by);

    /// <summary>Adds <paramref name="sign"/> × every count of <paramref name="other"/>.</summary>
    public void AddAll(Tally other, int sign = 1)
    {
        foreach (var (key, value) in other._days) Add(_days, key, sign * value);
        foreach (var (key, value) in other._utcDays) Add(_utcDays, key, sign * value);
        foreach (var (key, value) in other._rejected) Add(_rejected, key, sign * value);
    }

    /// <summary>The sum of one metric over every day (for the active changes: the current count).</summary>
    public long Sum(ChannelMetric metric) => _days.Where(d => d.Key.Metric == metric).Sum(d => d.Value);

    private static void Add<TKey>(Dictionary<TKey, long> counts, TKey key, long by) where TKey : notnull
    {
        var sum = counts.GetValueOrDefault(key) + by;
        if (sum == 0) counts.Remove(key);
        else counts[key] = sum;
    }
}
