namespace Streaming.EngagementRules;

/// <summary>
/// A ranking unit's engagement in one month and territory: distinct customers first, then watched time (exact
/// milliseconds, so two units tie only when both numbers are equal).
/// </summary>
public readonly record struct EngagementScore(long DistinctCustomers, long WatchedMs) : IComparable<EngagementScore>
{
    public int CompareTo(EngagementScore other)
    {
        var byCustomers = DistinctCustomers.CompareTo(other.DistinctCustomers);
        return byCustomers != 0 ? byCustomers : WatchedMs.CompareTo(other.WatchedMs);
    }

    /// <summary>Ranked at all: some customer opened a stream of it, or some time was watched.</summary>
    public bool IsRanked => DistinctCustomers > 0 || WatchedMs > 0;
}
