namespace Streaming.Bench.LoadGen.Benchmark.Queries;

/// <summary>The options only the query phase (<c>bench --only queries</c>, and the default bench) reads.</summary>
public sealed record QueryBenchOptions(
    int Titles, int Queries, TimeSpan RowBudget, int EngagementUnits, int Listeners, int ListenerEvents, int ListenerRounds)
{
    /// <summary>The fewest timed queries of a row that stops on its time budget; its p99 is then nearly its maximum.</summary>
    public const int MinQueries = 20;

    public static QueryBenchOptions From(Args args)
    {
        var options = new QueryBenchOptions(
            args.Int("query-titles", 1_000, min: 1),
            args.Int("queries", 200, min: 1),
            TimeSpan.FromSeconds(args.Double("query-seconds", 30, min: 1)),
            args.Int("query-units", 10_000, min: 1),
            args.Int("listeners", 1_000, min: 0),
            args.Int("listener-events", 200_000, min: 1),
            args.Int("listener-rounds", 3, min: 2));
        if (options.ListenerRounds % 2 == 0)
        {
            throw new ArgumentException($"--listener-rounds must be odd (without, with, without, ...), not {options.ListenerRounds}");
        }
        return options;
    }
}
