using Streaming.PartitionedState.Layouts;

namespace Streaming.Gateway.Queries;

/// <summary>
/// Sums counter hashes into the answer of a plan: each quarter goes to its bucket, filtered by offer, marketplace
/// and title, and every figure is rounded once from its exact integer sum. No I/O.
/// </summary>
public static class PerformanceAggregator
{
    public static PerformanceResponse Aggregate(PerformancePlan plan, IEnumerable<CounterHash> hashes)
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

        foreach (var hash in hashes)
        {
            if (plan.TitleIds.Count > 0 && (hash.TitleId is null || !plan.TitleIds.Contains(hash.TitleId)))
            {
                continue;
            }
            foreach (var (field, value) in hash.Fields)
            {
                if (!PerformanceCounterLayout.TryParseDayField(field, out var quarter, out var offer, out var marketplace, out var suffix) ||
                    suffix is not (PerformanceCounterLayout.WatchedSuffix or PerformanceCounterLayout.StreamsSuffix) ||
                    (plan.Offers.Count > 0 && !plan.Offers.Contains(offer)) ||
                    (plan.Marketplaces.Count > 0 && !plan.Marketplaces.Contains(marketplace)))
                {
                    continue;
                }
                var bucket = plan.BucketOf(hash.UtcDay, quarter);
                if (bucket < 0)
                {
                    continue;
                }
                var watched = suffix == PerformanceCounterLayout.WatchedSuffix;
                all.Add(bucket, watched, value);
                var groupKey = plan.GroupBy switch
                {
                    GroupBy.Title => hash.TitleId,
                    GroupBy.Offer => offer,
                    GroupBy.Marketplace => marketplace,
                    _ => null,
                };
                if (groupKey is not null)
                {
                    if (!groups.TryGetValue(groupKey, out var cells))
                    {
                        groups[groupKey] = cells = new Cells(buckets);
                    }
                    cells.Add(bucket, watched, value);
                }
            }
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
