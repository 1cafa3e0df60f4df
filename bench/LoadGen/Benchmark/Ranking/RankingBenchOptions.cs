namespace Streaming.Bench.LoadGen.Benchmark.Ranking;

/// <summary>The options only <c>bench --only ranking</c> reads.</summary>
public sealed record RankingBenchOptions(Uri Gateway, int RankUnits, int QueryUnits, int Queries)
{
    public static RankingBenchOptions From(Args args) => new(
        args.Url("gateway", "http://127.0.0.1:5102"),
        args.Int("rank-units", 100_000, min: 2),
        args.Int("query-units", 10_000, min: 1),
        args.Int("queries", 200, min: 1));
}
