using FsCheck.Xunit;
using Streaming.PartitionedState.Layouts;
using static Streaming.Gateway.Tests.Planning.Plans;

namespace Streaming.Gateway.Tests.Aggregation;

public sealed class AggregationProperties
{
    private static readonly string[] Offers = ["prime", "tvod", "avod", "channel"];
    private static readonly string[] Marketplaces = ["US", "DE", "IN"];

    private static List<CounterHash> Hashes((byte Day, byte Quarter, byte Offer, byte Marketplace, short Value)[] cells) =>
        cells.Select(c => new CounterHash(new DateOnly(2026, 3, 8).AddDays(c.Day % 3), null,
        [
            KeyValuePair.Create(PerformanceCounterLayout.DayField(c.Quarter % 96, Offers[c.Offer % 4], Marketplaces[c.Marketplace % 3], "m"), c.Value * 977L),
            KeyValuePair.Create(PerformanceCounterLayout.DayField(c.Quarter % 96, Offers[c.Offer % 4], Marketplaces[c.Marketplace % 3], "s"), (long)c.Value),
        ])).ToList();

    [Property(MaxTest = 200)]
    public bool Shuffled_hashes_give_the_same_answer((byte, byte, byte, byte, short)[] cells, int seed)
    {
        var plan = Plan("from=2026-03-08&to=2026-03-10&tz=America/New_York&granularity=hour&groupBy=offer");
        var hashes = Hashes(cells);
        var random = new Random(seed);
        var shuffled = hashes.OrderBy(_ => random.Next()).ToList();

        return PerformanceCsv.Write(PerformanceAggregator.Aggregate(plan, hashes)) ==
               PerformanceCsv.Write(PerformanceAggregator.Aggregate(plan, shuffled));
    }

    [Property(MaxTest = 200)]
    public bool Groups_split_the_streams_of_the_whole_exactly((byte, byte, byte, byte, short)[] cells)
    {
        var plan = Plan("from=2026-03-08&to=2026-03-10&tz=Asia/Kolkata&granularity=day&groupBy=marketplace");
        var answer = PerformanceAggregator.Aggregate(plan, Hashes(cells));

        return answer.Groups!.Sum(g => g.Totals.UniqueStreams) == answer.Totals.UniqueStreams &&
               answer.Series.Select((p, i) => answer.Groups!.Sum(g => g.Series[i].UniqueStreams) == p.UniqueStreams).All(ok => ok) &&
               answer.Series.Sum(p => p.UniqueStreams) == answer.Totals.UniqueStreams;
    }

    [Property(MaxTest = 200)]
    public bool Days_summed_apart_and_kept_give_every_bucket_its_exact_sum((byte, byte, byte, byte, short)[] cells, byte keptDays)
    {
        // 71 local hours (March 8 has 23 in New York), none of them lined up with a UTC day.
        var plan = Plan("from=2026-03-08&to=2026-03-10&tz=America/New_York&granularity=hour&groupBy=offer");
        var hashes = Hashes(cells);
        var kept = PerformanceAggregator.SumDays(plan, hashes.Where(h => (keptDays >> h.UtcDay.Day % 8 & 1) == 1));
        var summed = PerformanceAggregator.SumDays(plan, hashes.Where(h => (keptDays >> h.UtcDay.Day % 8 & 1) == 0));
        var answer = PerformanceAggregator.Aggregate(plan, [.. kept.Values, .. summed.Values], null, null);

        // Every counter straight to its bucket, without day sums: (offer or "" for all, bucket) -> (watched ms, streams).
        var expected = new Dictionary<(string, int), (long Ms, long Streams)>();
        foreach (var hash in hashes)
        {
            foreach (var cell in hash.Cells.Cells)
            {
                var bucket = plan.BucketOf(hash.UtcDay, cell.Quarter);
                if (bucket < 0) continue;
                foreach (var group in new[] { "", cell.Offer })
                {
                    var (ms, streams) = expected.GetValueOrDefault((group, bucket));
                    expected[(group, bucket)] = cell.Watched ? (ms + cell.Value, streams) : (ms, streams + cell.Value);
                }
            }
        }
        bool Same(IReadOnlyList<PerformancePoint> series, string group) =>
            series.Count == 71 && series.Select((point, bucket) => expected.GetValueOrDefault((group, bucket)) is var (ms, streams) &&
                point.MinutesStreamed == WatchedTime.Minutes(ms) && point.UniqueStreams == streams).All(ok => ok);

        return Same(answer.Series, "") && answer.Groups!.All(g => Same(g.Series, g.Key)) &&
               answer.Groups!.Select(g => g.Key).SequenceEqual(expected.Keys.Select(k => k.Item1).Where(o => o != "").Distinct().Order(StringComparer.Ordinal));
    }
}
