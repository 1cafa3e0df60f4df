using Streaming.Bench.LoadGen.Benchmark;

namespace Streaming.Bench.LoadGen.Tests.Queries;

public sealed class QueryBenchOptionsTests
{
    private static BenchOptions Parse(params string[] argv) => BenchOptions.From(Args.Parse(["bench", "--operator-key", "k", .. argv]));

    [Fact]
    public void Only_queries_is_a_phase_of_its_own_with_issue_13s_sizes_by_default()
    {
        var options = Parse("--only", "queries");

        Assert.True(options.Includes("queries"));
        Assert.False(options.Includes("throughput"));
        Assert.Equal((1_000, 200, 30.0, 10_000, 1_000, 200_000, 3),
            (options.Queries.Titles, options.Queries.Queries, options.Queries.RowBudget.TotalSeconds, options.Queries.EngagementUnits,
             options.Queries.Listeners, options.Queries.ListenerEvents, options.Queries.ListenerRounds));
    }

    [Fact]
    public void The_default_bench_includes_the_queries_and_the_sizes_are_read()
    {
        var options = Parse("--query-titles", "100", "--queries", "50", "--query-seconds", "5", "--listeners", "0", "--listener-events", "50000", "--listener-rounds", "5");

        Assert.True(options.Includes("queries"));
        Assert.Equal((100, 50, 5.0, 0, 50_000, 5),
            (options.Queries.Titles, options.Queries.Queries, options.Queries.RowBudget.TotalSeconds, options.Queries.Listeners,
             options.Queries.ListenerEvents, options.Queries.ListenerRounds));
    }

    [Theory]
    [InlineData("--listener-rounds", "4", "--listener-rounds must be odd (without, with, without, ...), not 4")]
    [InlineData("--query-titles", "0", "--query-titles must be an integer ≥ 1, not '0'")]
    [InlineData("--only", "query", "--only must be throughput, latency, baseline, subscriptions, ranking or queries, not 'query'")]
    public void Bad_values_are_refused_naming_the_option(string name, string value, string message)
    {
        Assert.Equal(message, Assert.Throws<ArgumentException>(() => Parse(name, value)).Message);
    }
}
