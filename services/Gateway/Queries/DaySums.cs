using Streaming.PartitionedState.Layouts;

namespace Streaming.Gateway.Queries;

/// <summary>
/// The exact integer sums of one UTC day's quarter-detail hashes into the buckets of one plan, over the few buckets the
/// day reaches (a UTC day lies in at most 26 local hours), in total and per group. An answer is the sum of its days'
/// sums plus its roll-ups (<see cref="PerformanceAggregator"/>), so the sums of a day that has not changed since they
/// were made can be kept (<see cref="KeptCounterHashes.GetDays"/>) and stand for all of that day's hashes. No I/O.
/// </summary>
public sealed class DaySums
{
    private DaySums(int first, BucketRange all, KeyValuePair<string, BucketRange>[] groups) =>
        (FirstBucket, All, Groups) = (first, all, groups);

    /// <summary>The sums of a day without counters.</summary>
    public static DaySums None { get; } = new(0, new BucketRange(0), []);

    /// <summary>The plan's bucket that <see cref="BucketRange"/> index 0 stands for.</summary>
    public int FirstBucket { get; }

    /// <summary>Every counter that passed the plan's filters.</summary>
    public BucketRange All { get; }

    /// <summary>Per group of the plan (none when it groups nothing), only the groups the day counted.</summary>
    public IReadOnlyList<KeyValuePair<string, BucketRange>> Groups { get; }

    /// <summary>About how many bytes these sums hold in memory, for the bound of <see cref="KeptCounterHashes"/>.</summary>
    public long Bytes => 96 + All.Bytes + Groups.Sum(g => 2L * g.Key.Length + 48 + g.Value.Bytes);

    /// <summary>Sums one day's hashes (every one of <see cref="CounterHash.UtcDay"/> <paramref name="day"/>).</summary>
    public static DaySums Sum(PerformancePlan plan, DateOnly day, IEnumerable<CounterHash> hashes)
    {
        var bucketOf = new int[PerformanceCounterLayout.QuartersPerDay];
        var (first, last) = (int.MaxValue, -1);
        for (var quarter = 0; quarter < bucketOf.Length; quarter++)
        {
            var bucket = bucketOf[quarter] = plan.BucketOf(day, quarter);
            if (bucket < 0) continue;
            (first, last) = (Math.Min(first, bucket), Math.Max(last, bucket));
        }
        if (last < 0) return None;
        for (var quarter = 0; quarter < bucketOf.Length; quarter++)
        {
            if (bucketOf[quarter] >= 0) bucketOf[quarter] -= first;
        }

        var width = last - first + 1;
        var all = new BucketRange(width);
        var groups = new Dictionary<string, BucketRange>(StringComparer.Ordinal);
        var (offers, marketplaces, groupBy) = (plan.Offers.Count > 0 ? plan.Offers : null, plan.Marketplaces.Count > 0 ? plan.Marketplaces : null, plan.GroupBy);
        foreach (var hash in hashes)
        {
            if (plan.TitleIds.Count > 0 && (hash.TitleId is null || !plan.TitleIds.Contains(hash.TitleId)))
            {
                continue;
            }
            BucketRange? title = null; // grouped by title: the hash's group, made when its first counter counts
            foreach (ref readonly var cell in hash.Cells.Cells)
            {
                var bucket = bucketOf[cell.Quarter];
                if (bucket < 0 || (offers is not null && !offers.Contains(cell.Offer)) || (marketplaces is not null && !marketplaces.Contains(cell.Marketplace)))
                {
                    continue;
                }
                all.Add(bucket, cell.Watched, cell.Value);
                var group = groupBy switch
                {
                    null => null,
                    GroupBy.Title => hash.TitleId is null ? null : title ??= GroupOf(groups, hash.TitleId, width),
                    GroupBy.Offer => GroupOf(groups, cell.Offer, width),
                    _ => GroupOf(groups, cell.Marketplace, width),
                };
                group?.Add(bucket, cell.Watched, cell.Value);
            }
        }
        return new DaySums(first, all, [.. groups]);
    }

    private static BucketRange GroupOf(Dictionary<string, BucketRange> groups, string key, int width)
    {
        if (!groups.TryGetValue(key, out var group)) groups[key] = group = new BucketRange(width);
        return group;
    }
}
