using Streaming.PartitionedState.Layouts;
using static Streaming.Gateway.Tests.Planning.Plans;

namespace Streaming.Gateway.Tests.Aggregation;

public sealed class PerformanceAggregatorTests
{
    private static readonly DateOnly Day = new(2026, 3, 10);

    private static CounterHash Hash(string? titleId, params (int Quarter, string Offer, string Marketplace, long WatchedMs, long Streams)[] cells) =>
        Hash(Day, titleId, cells);

    private static CounterHash Hash(DateOnly day, string? titleId, params (int Quarter, string Offer, string Marketplace, long WatchedMs, long Streams)[] cells) =>
        new(day, titleId, Fields(cells));

    private static List<KeyValuePair<string, long>> Fields(params (int Quarter, string Offer, string Marketplace, long WatchedMs, long Streams)[] cells) =>
        cells.SelectMany(c => new[]
        {
            KeyValuePair.Create(PerformanceCounterLayout.DayField(c.Quarter, c.Offer, c.Marketplace, "m"), c.WatchedMs),
            KeyValuePair.Create(PerformanceCounterLayout.DayField(c.Quarter, c.Offer, c.Marketplace, "s"), c.Streams),
        }).ToList();

    private static string Minutes(decimal minutes) => minutes.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Totals_round_the_exact_millisecond_sum_not_the_rounded_buckets()
    {
        // 200 ms in each of four hours: every hour shows 0.00, the 800 ms total is 0.0133 min = 0.01.
        var plan = Plan("from=2026-03-10&to=2026-03-10&granularity=hour");
        var answer = PerformanceAggregator.Aggregate(plan,
            [Hash(null, (0, "prime", "US", 200, 0), (4, "prime", "US", 200, 0), (8, "prime", "US", 200, 0), (12, "prime", "US", 200, 0))]);

        Assert.Equal(["0.00", "0.00", "0.00", "0.00"], answer.Series.Take(4).Select(p => Minutes(p.MinutesStreamed)));
        Assert.Equal("0.01", Minutes(answer.Totals.MinutesStreamed));
    }

    [Fact]
    public void A_bucket_rounds_its_own_exact_sum_where_adding_rounded_quarters_would_differ()
    {
        // Three quarters of 300 ms (0.005 min each, 0.01 rounded) in one hour: 900 ms = 0.015 min = 0.02, not 0.03.
        var plan = Plan("from=2026-03-10&to=2026-03-10&granularity=hour");
        var answer = PerformanceAggregator.Aggregate(plan,
            [Hash(null, (40, "prime", "US", 300, 1), (41, "tvod", "US", 300, 1)), Hash(null, (42, "prime", "DE", 300, 1))]);

        Assert.Equal("0.02", Minutes(answer.Series[10].MinutesStreamed));
        Assert.Equal(3, answer.Series[10].UniqueStreams);
        Assert.Equal("0.02", Minutes(answer.Totals.MinutesStreamed));
        Assert.Equal("0.00", Minutes(answer.Series[9].MinutesStreamed));
    }

    [Fact]
    public void Series_is_dense_in_time_order_and_sums_partitions_and_negative_corrections()
    {
        var plan = Plan("from=2026-03-09&to=2026-03-11");
        var answer = PerformanceAggregator.Aggregate(plan,
        [
            Hash(null, (8, "prime", "US", 90_000, 1)),
            Hash(null, (8, "prime", "US", 30_000, 2), (9, "prime", "US", -15_000, -1)),
        ]);

        Assert.Equal(["2026-03-09T00:00:00+00:00", "2026-03-10T00:00:00+00:00", "2026-03-11T00:00:00+00:00"],
            Iso(answer.Series.Select(p => p.Start)));
        Assert.Equal([0m, 1.75m, 0m], answer.Series.Select(p => p.MinutesStreamed));
        Assert.Equal([0L, 2L, 0L], answer.Series.Select(p => p.UniqueStreams));
        Assert.Equal(new PerformanceTotals(1.75m, 2), answer.Totals);
        Assert.Null(answer.Groups);
    }

    [Fact]
    public void Offer_and_marketplace_filters_keep_only_matching_fields()
    {
        var plan = Plan("from=2026-03-10&to=2026-03-10&offer=prime&offer=avod&marketplace=US");
        var answer = PerformanceAggregator.Aggregate(plan,
        [
            Hash(null, (1, "prime", "US", 60_000, 1), (1, "prime", "DE", 120_000, 2), (1, "tvod", "US", 240_000, 4)),
            Hash(null, (2, "avod", "US", 30_000, 8), (2, "avod", "GB", 480_000, 16)),
        ]);

        Assert.Equal(new PerformanceTotals(1.50m, 9), answer.Totals);
    }

    [Fact]
    public void Title_filter_keeps_only_the_named_titles_hashes()
    {
        var plan = Plan("from=2026-03-10&to=2026-03-10&titleId=a&titleId=c");
        var answer = PerformanceAggregator.Aggregate(plan,
            [Hash("a", (1, "prime", "US", 60_000, 1)), Hash("b", (1, "prime", "US", 120_000, 2)), Hash("c", (1, "prime", "US", 600_000, 4))]);

        Assert.Equal(new PerformanceTotals(11.00m, 5), answer.Totals);
    }

    [Fact]
    public void Grouping_by_marketplace_sorts_keys_ordinally_and_keeps_filtered_values_without_data()
    {
        var plan = Plan("from=2026-03-10&to=2026-03-10&groupBy=marketplace&marketplace=US&marketplace=DE&marketplace=FR");
        var answer = PerformanceAggregator.Aggregate(plan,
            [Hash(null, (1, "prime", "US", 60_000, 1), (1, "prime", "DE", 120_000, 2), (1, "prime", "GB", 7, 7))]);

        Assert.NotNull(answer.Groups);
        Assert.Equal(["DE", "FR", "US"], answer.Groups.Select(g => g.Key));
        Assert.Equal([new PerformanceTotals(2.00m, 2), new PerformanceTotals(0m, 0), new PerformanceTotals(1.00m, 1)],
            answer.Groups.Select(g => g.Totals));
        Assert.Equal(new PerformanceTotals(3.00m, 3), answer.Totals);
    }

    [Fact]
    public void Grouping_by_title_and_offer_uses_the_hash_title_and_the_field_offer()
    {
        var hashes = new[]
        {
            Hash("b", (1, "prime", "US", 60_000, 1)),
            Hash("a", (1, "prime", "US", 30_000, 1), (2, "tvod", "US", 600_000, 1)),
            Hash("B", (3, "avod", "US", 6_000, 1)),
        };

        var byTitle = PerformanceAggregator.Aggregate(Plan("from=2026-03-10&to=2026-03-10&groupBy=title"), hashes);
        var byOffer = PerformanceAggregator.Aggregate(Plan("from=2026-03-10&to=2026-03-10&groupBy=offer"), hashes);

        Assert.Equal([("B", 0.10m), ("a", 10.50m), ("b", 1.00m)], byTitle.Groups!.Select(g => (g.Key, g.Totals.MinutesStreamed)));
        Assert.Equal([("avod", 0.10m), ("prime", 1.50m), ("tvod", 10.00m)], byOffer.Groups!.Select(g => (g.Key, g.Totals.MinutesStreamed)));
        Assert.Equal(["2026-03-10T00:00:00+00:00"], Iso(byOffer.Groups![0].Series.Select(p => p.Start)));
    }

    [Fact]
    public void Quarters_outside_the_range_and_unreadable_fields_are_ignored()
    {
        var plan = Plan("from=2026-03-10T06:10:00Z&to=2026-03-10T07:00:00Z&granularity=total");
        var fields = Fields((24, "prime", "US", 1_000_000, 1), (25, "prime", "US", 60_000, 1), (27, "prime", "US", 60_000, 1),
            (28, "prime", "US", 1_000_000, 1));
        var answer = PerformanceAggregator.Aggregate(plan,
        [
            new CounterHash(Day, null, [.. fields, KeyValuePair.Create("garbage", 5L), KeyValuePair.Create("26|prime|US|x", 5L)]),
            Hash(new DateOnly(2026, 3, 9), null, (25, "prime", "US", 1_000_000, 1)),
        ]);

        Assert.Equal(new PerformanceTotals(2.00m, 2), answer.Totals); // 06:15 and 06:45 only
        Assert.Equal("2026-03-10T06:10:00+00:00", InstantText.Iso(Assert.Single(answer.Series).Start));
    }

    [Fact]
    public void The_answer_names_the_resolved_range_zone_and_granularity()
    {
        var answer = PerformanceAggregator.Aggregate(Plan("from=2026-11-01&to=2026-11-01&tz=America/New_York&granularity=month"), []);

        Assert.Equal("2026-11-01T00:00:00-04:00", InstantText.Iso(answer.From));
        Assert.Equal("2026-11-02T00:00:00-05:00", InstantText.Iso(answer.To));
        Assert.Equal("America/New_York", answer.Tz);
        Assert.Equal("month", answer.Granularity);
    }
}
