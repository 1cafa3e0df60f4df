using Streaming.Bench.LoadGen.Benchmark;
using Streaming.Bench.LoadGen.Benchmark.Queries;

namespace Streaming.Bench.LoadGen.Tests.Queries;

public sealed class QueryReportTests
{
    private static ThroughputResult Run(double endToEndSeconds, double ingestSeconds) =>
        new(100_000, 100_000, 0, 1e6, TimeSpan.FromSeconds(ingestSeconds), TimeSpan.FromSeconds(endToEndSeconds));

    [Fact]
    public void The_summary_is_a_table_then_one_greppable_line_per_query_and_for_the_live_fan_out()
    {
        // 1..100 ms: nearest rank p50 = 50, p90 = 90, p99 = 99.
        var rows = new[]
        {
            new QueryTimes("groupBy=title total", "distributor", [.. Enumerable.Range(1, 100).Select(i => (double)i)]),
            new QueryTimes("/v1/titles", "distributor", [2.5]),
        };
        // End to end: without 100,000 / 10 s and / 12.5 s → median 9,000; with 100,000 / 12.5 s = 8,000: 1 − 8/9 = 11.1 %.
        // Ingest: without 100,000 / 2 s and / 4 s → median 37,500; with / 5 s = 20,000: 1 − 20/37.5 = 46.7 %.
        var live = new LiveComparison(1_000, [Run(10, 2), Run(12.5, 4)], [Run(12.5, 5)]);

        var lines = QueryReport.Lines(rows, live).ToList();

        Assert.Equal(
        [
            "  query                caller          n    p50 ms    p90 ms    p99 ms    max ms",
            "  groupBy=title total  distributor   100      50.0      90.0      99.0     100.0",
            "  /v1/titles           distributor     1       2.5       2.5       2.5       2.5",
            "  live fan-out: 2 run(s) without and 1 with 1,000 listeners, events/s (median):",
            "    end to end      without     9,000   with     8,000   runs: 10,000 · +8,000 · 8,000",
            "    ingest accepted without    37,500   with    20,000   runs: 50,000 · +20,000 · 25,000",
            "",
            "query  groupBy=title total  p50 50.0 ms  p99 99.0 ms",
            "query  /v1/titles  p50 2.5 ms  p99 2.5 ms",
            "live  1,000 listeners  end to end without 9,000 events/s  with 8,000 events/s  slowdown 11.1 %",
            "live  1,000 listeners  ingest accepted without 37,500 events/s  with 20,000 events/s  slowdown 46.7 %",
        ], lines);
    }

    [Fact]
    public void Without_a_live_comparison_only_the_query_rows_are_printed()
    {
        var lines = QueryReport.Lines([new QueryTimes("one title hour", "operator", [4.2, 7.4])], null).ToList();

        Assert.Equal(["  query           caller          n    p50 ms    p90 ms    p99 ms    max ms",
            "  one title hour  operator        2       4.2       7.4       7.4       7.4", "", "query  one title hour  p50 4.2 ms  p99 7.4 ms"], lines);
    }

    [Fact]
    public void A_row_the_gateway_failed_says_so_in_the_table_and_its_line()
    {
        var failed = new QueryTimes("groupBy=title total", "distributor", []) { Failure = "the gateway answered 503 to /v1/metrics/performance" };

        var lines = QueryReport.Lines([failed], null).ToList();

        Assert.Equal("  groupBy=title total  distributor failed: the gateway answered 503 to /v1/metrics/performance", lines[1]);
        Assert.Equal("query  groupBy=title total  failed: the gateway answered 503 to /v1/metrics/performance", lines[^1]);
    }
}
