using Streaming.PartitionedState.Layouts;

namespace Streaming.Gateway.Queries;

/// <summary>
/// Sums counter hashes into the answer of a plan: each quarter goes to its bucket (summed per UTC day first,
/// <see cref="DaySums"/>), and each roll-up (a whole UTC day or month) to the one bucket it lies in, filtered by offer,
/// marketplace and title, and every figure is rounded once from its exact integer sum. No I/O.
/// </summary>
public static class PerformanceAggregator
{
    /// <param name="plan">The checked query.</param>
    /// <param name="hashes">Quarter-detail day hashes.</param>
    /// <param name="rollups">Roll-up hashes of whole UTC days and months.</param>
    /// <param name="rollupTitles">The titles roll-up fields may count (roll-ups hold every title): null, every title.</param>
    public static PerformanceResponse Aggregate(
        PerformancePlan plan, IEnumerable<CounterHash> hashes, IEnumerable<RollupHash>? rollups = null, IReadOnlySet<string>? rollupTitles = null) =>
        Aggregate(plan, SumDays(plan, hashes).Values, rollups, rollupTitles);

    /// <summary>The sums of quarter-detail day hashes, per UTC day.</summary>
    public static IReadOnlyDictionary<DateOnly, DaySums> SumDays(PerformancePlan plan, IEnumerable<CounterHash> hashes) =>
        hashes.GroupBy(h => h.UtcDay).ToDictionary(day => day.Key, day => DaySums.Sum(plan, day.Key, day));

    /// <summary>The answer from the sums of the quarter-detail days (<see cref="DaySums"/>) and the roll-ups.</summary>
    public static PerformanceResponse Aggregate(
        PerformancePlan plan, IEnumerable<DaySums> days, IEnumerable<RollupHash>? rollups, IReadOnlySet<string>? rollupTitles)
    {
        var buckets = plan.BucketStarts.Count;
        var all = new BucketRange(buckets);
        var groups = new SortedDictionary<string, BucketRange>(StringComparer.Ordinal);
        IReadOnlySet<string> filtered = plan.GroupBy switch
        {
            GroupBy.Title => plan.TitleIds,
            GroupBy.Offer => plan.Offers,
            GroupBy.Marketplace => plan.Marketplaces,
            _ => new HashSet<string>(),
        };
        foreach (var key in filtered)
        {
            groups[key] = new BucketRange(buckets); // a filtered value is a group even where nothing was watched
        }

        foreach (var day in days)
        {
            all.Add(day.All, day.FirstBucket);
            foreach (var (key, sums) in day.Groups)
            {
                if (!groups.TryGetValue(key, out var group)) groups[key] = group = new BucketRange(buckets);
                group.Add(sums, day.FirstBucket);
            }
        }

        foreach (var rollup in rollups ?? [])
        {
            AddRollup(plan, rollup, rollupTitles, all, groups, buckets);
        }

        return new PerformanceResponse(
            plan.From,
            plan.To,
            plan.Zone.Id,
            plan.Granularity.ToString().ToLowerInvariant(),
            Totals(all),
            Series(all, plan.BucketStarts),
            plan.GroupBy is null
                ? null
                : groups.Select(g => new PerformanceGroup(g.Key, Totals(g.Value), Series(g.Value, plan.BucketStarts))).ToList());
    }

    private static void AddRollup(
        PerformancePlan plan, RollupHash rollup, IReadOnlySet<string>? titles, BucketRange all, SortedDictionary<string, BucketRange> groups, int buckets)
    {
        foreach (var (field, value) in rollup.Fields)
        {
            string? titleId;
            bool watched;
            ReadOnlySpan<char> offer = default, marketplace = default;
            if (rollup.Kind == RollupKind.Titles)
            {
                if (!TitleTotals.TryParseField(field, out var id, out watched)) continue;
                titleId = id;
            }
            else
            {
                if (!PerformanceCounterLayout.TryParseAllTitlesField(field, out offer, out marketplace, out watched) ||
                    (plan.Offers.Count > 0 && !Contains(plan.Offers, offer)) ||
                    (plan.Marketplaces.Count > 0 && !Contains(plan.Marketplaces, marketplace)))
                {
                    continue;
                }
                titleId = null; // the all-titles roll-up: its fields name no title
            }
            if (titleId is not null && titles is not null && !titles.Contains(titleId)) continue;
            var groupKey = plan.GroupBy switch
            {
                GroupBy.Title => titleId,
                GroupBy.Offer => offer.ToString(),
                GroupBy.Marketplace => marketplace.ToString(),
                _ => null,
            };
            Count(all, groups, buckets, rollup.Bucket, watched, value, groupKey);
        }
    }

    /// <summary>Adds a value to the totals and to its group (null: the plan groups nothing).</summary>
    private static void Count(BucketRange all, SortedDictionary<string, BucketRange> groups, int buckets, int bucket, bool watched, long value, string? groupKey)
    {
        all.Add(bucket, watched, value);
        if (groupKey is null) return;
        if (!groups.TryGetValue(groupKey, out var cells))
        {
            groups[groupKey] = cells = new BucketRange(buckets);
        }
        cells.Add(bucket, watched, value);
    }

    private static bool Contains(IReadOnlySet<string> set, ReadOnlySpan<char> value) =>
        set is HashSet<string> hashSet && hashSet.TryGetAlternateLookup<ReadOnlySpan<char>>(out var lookup)
            ? lookup.Contains(value)
            : set.Contains(value.ToString());

    private static PerformanceTotals Totals(BucketRange sums)
    {
        var (watchedMs, streams) = (0L, 0L);
        for (var i = 0; i < sums.Width; i++) (watchedMs, streams) = (watchedMs + sums.WatchedMs[i], streams + sums.Streams[i]);
        return new PerformanceTotals(WatchedTime.Minutes(watchedMs), streams);
    }

    private static List<PerformancePoint> Series(BucketRange sums, IReadOnlyList<DateTimeOffset> starts)
    {
        var points = new List<PerformancePoint>(starts.Count);
        for (var i = 0; i < starts.Count; i++) points.Add(new PerformancePoint(starts[i], WatchedTime.Minutes(sums.WatchedMs[i]), sums.Streams[i]));
        return points;
    }
}
