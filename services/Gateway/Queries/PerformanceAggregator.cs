using Streaming.PartitionedState.Layouts;

namespace Streaming.Gateway.Queries;

/// <summary>
/// Sums counter hashes into the answer of a plan: each quarter goes to its bucket, and each roll-up (a whole UTC day
/// or month) to the one bucket it lies in, filtered by offer, marketplace and title, and every figure is rounded once
/// from its exact integer sum. No I/O.
/// </summary>
public static class PerformanceAggregator
{
    /// <param name="plan">The checked query.</param>
    /// <param name="hashes">Quarter-detail day hashes.</param>
    /// <param name="rollups">Roll-up hashes of whole UTC days and months.</param>
    /// <param name="rollupTitles">The titles roll-up fields may count (roll-ups hold every title): null, every title.</param>
    public static PerformanceResponse Aggregate(
        PerformancePlan plan, IEnumerable<CounterHash> hashes, IEnumerable<RollupHash>? rollups = null, IReadOnlySet<string>? rollupTitles = null)
    {
        var buckets = plan.BucketStarts.Count;
        var all = new Cells(buckets);
        var groups = new SortedDictionary<string, Cells>(StringComparer.Ordinal);
        IReadOnlySet<string> filtered = plan.GroupBy switch
        {
            GroupBy.Title => plan.TitleIds,
            GroupBy.Offer => plan.Offers,
            GroupBy.Marketplace => plan.Marketplaces,
            _ => new HashSet<string>(),
        };
        foreach (var key in filtered)
        {
            groups[key] = new Cells(buckets); // a filtered value is a group even where nothing was watched
        }

        var dayBuckets = new Dictionary<DateOnly, int[]>();
        var (offers, marketplaces, groupBy) = (plan.Offers.Count > 0 ? plan.Offers : null, plan.Marketplaces.Count > 0 ? plan.Marketplaces : null, plan.GroupBy);
        foreach (var hash in hashes)
        {
            if (plan.TitleIds.Count > 0 && (hash.TitleId is null || !plan.TitleIds.Contains(hash.TitleId)))
            {
                continue;
            }
            if (!dayBuckets.TryGetValue(hash.UtcDay, out var bucketOf))
            {
                dayBuckets[hash.UtcDay] = bucketOf = [.. Enumerable.Range(0, PerformanceCounterLayout.QuartersPerDay).Select(q => plan.BucketOf(hash.UtcDay, q))];
            }
            foreach (ref readonly var cell in hash.Cells.Cells)
            {
                var bucket = bucketOf[cell.Quarter];
                if (bucket < 0 || (offers is not null && !offers.Contains(cell.Offer)) || (marketplaces is not null && !marketplaces.Contains(cell.Marketplace)))
                {
                    continue;
                }
                if (groupBy is null)
                {
                    all.Add(bucket, cell.Watched, cell.Value);
                    continue;
                }
                Count(all, groups, buckets, bucket, cell.Watched, cell.Value, groupBy switch
                {
                    GroupBy.Title => hash.TitleId,
                    GroupBy.Offer => cell.Offer,
                    _ => cell.Marketplace,
                });
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
            all.Totals(),
            all.Series(plan.BucketStarts),
            plan.GroupBy is null
                ? null
                : groups.Select(g => new PerformanceGroup(g.Key, g.Value.Totals(), g.Value.Series(plan.BucketStarts))).ToList());
    }

    private static void AddRollup(
        PerformancePlan plan, RollupHash rollup, IReadOnlySet<string>? titles, Cells all, SortedDictionary<string, Cells> groups, int buckets)
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
    private static void Count(Cells all, SortedDictionary<string, Cells> groups, int buckets, int bucket, bool watched, long value, string? groupKey)
    {
        all.Add(bucket, watched, value);
        if (groupKey is null) return;
        if (!groups.TryGetValue(groupKey, out var cells))
        {
            groups[groupKey] = cells = new Cells(buckets);
        }
        cells.Add(bucket, watched, value);
    }

    private static bool Contains(IReadOnlySet<string> set, ReadOnlySpan<char> value) =>
        set is HashSet<string> hashSet && hashSet.TryGetAlternateLookup<ReadOnlySpan<char>>(out var lookup)
            ? lookup.Contains(value)
            : set.Contains(value.ToString());

    /// <summary>Exact integer sums per bucket; rounding happens only when an answer is made.</summary>
    private sealed class Cells(int buckets)
    {
        private readonly long[] _watchedMs = new long[buckets];
        private readonly long[] _streams = new long[buckets];

        public void Add(int bucket, bool watched, long value)
        {
            if (watched)
            {
                _watchedMs[bucket] += value;
            }
            else
            {
                _streams[bucket] += value;
            }
        }

        public PerformanceTotals Totals() => new(WatchedTime.Minutes(_watchedMs.Sum()), _streams.Sum());

        public IReadOnlyList<PerformancePoint> Series(IReadOnlyList<DateTimeOffset> starts) =>
            starts.Select((start, i) => new PerformancePoint(start, WatchedTime.Minutes(_watchedMs[i]), _streams[i])).ToList();
    }
}
