using System.Diagnostics;
using StackExchange.Redis;
using Streaming.EngagementRules;

namespace Streaming.Bench.LoadGen.Benchmark.Ranking;

/// <summary>
/// <c>bench --only ranking</c>: (1) CER ranking of --rank-units units in process (the code the gateway runs), with
/// and without the royalty of every unit; (2) the gateway's engagement query over --query-units and over
/// --rank-units units seeded in Redis through <see cref="EngagementLayout"/> (month 2000-01, which no live facts can
/// reach); (3) Redis memory per customer of the exact distinct count. Seeded keys are deleted afterwards.
/// </summary>
public static class RankingBench
{
    private const int InProcessRuns = 9;
    private static readonly UtcMonth Month = EngagementQueryTiming.Month;

    public static async Task<int> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var ranking = options.Ranking;
        Console.WriteLine($"bench ranking: {Environment.ProcessorCount} cores, namespace '{options.Namespace}', gateway {ranking.Gateway}");

        Console.WriteLine($"\n== (1) CER ranking in process: {ranking.RankUnits:N0} units, {InProcessRuns} runs after 3 untimed");
        var rankUnits = EngagementQueryTiming.Units(ranking.RankUnits, seed: 42);
        var terms = new EngagementTerms();
        var rank = Time(() => CerRanking.Rank(rankUnits, withCer: true));
        var rankAndRoyalty = Time(() =>
        {
            foreach (var ranked in CerRanking.Rank(rankUnits, withCer: true)) terms.Estimate("US", ranked.Cer, ranked.Unit.WatchedMs);
        });
        Console.WriteLine($"  rank:             median {Percentiles.Median(rank):N1} ms   runs: {string.Join(" · ", rank.Select(r => r.ToString("N1")))}");
        Console.WriteLine($"  rank + royalties: median {Percentiles.Median(rankAndRoyalty):N1} ms   runs: {string.Join(" · ", rankAndRoyalty.Select(r => r.ToString("N1")))}");

        using var redis = await ConnectionMultiplexer.ConnectAsync(options.Redis);
        var db = redis.GetDatabase();
        using var http = new HttpClient { BaseAddress = ranking.Gateway, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", options.OperatorKey);
        var seeded = new List<RedisKey>();
        try
        {
            foreach (var (territory, units, queries) in new[] { ("US", ranking.QueryUnits, ranking.Queries), ("GB", ranking.RankUnits, Math.Max(10, ranking.Queries / 10)) })
            {
                Console.WriteLine($"\n== (2) GET /v1/metrics/engagement, {units:N0} units ({territory}): {queries} sequential queries after 5 untimed, " +
                    "each after a new version of the counters (ranked every time)");
                seeded.AddRange(await EngagementQueryTiming.SeedAsync(db, options.KeyPrefix, territory, EngagementQueryTiming.Units(units, seed: units)));
                var latencies = await EngagementQueryTiming.QueryAsync(http, territory, units, queries, options.Namespace,
                    () => EngagementQueryTiming.NewVersionAsync(db, options.KeyPrefix, territory), cancellationToken);
                Console.WriteLine($"  latency ms: p50 {Percentiles.Of(latencies, 50):N1}  p90 {Percentiles.Of(latencies, 90):N1}  " +
                    $"p99 {Percentiles.Of(latencies, 99):N1}  max {latencies[^1]:N1}");
            }

            Console.WriteLine("\n== (3) memory of the exact distinct count: one unit with 10,000 customers");
            var customers = (RedisKey)EngagementLayout.Customers(options.KeyPrefix, Month, "US");
            seeded.Add(customers);
            await db.HashSetAsync(customers, Enumerable.Range(0, 10_000)
                .Select(i => new HashEntry(EngagementLayout.CustomerField("title:bench-title-0001", $"customer-{i:D10}"), 1)).ToArray());
            var bytes = (long)await db.ExecuteAsync("MEMORY", "USAGE", customers, "SAMPLES", "0");
            Console.WriteLine($"  {bytes:N0} bytes = {bytes / 10_000.0:N0} bytes per customer (ids of 19 characters)");
        }
        finally
        {
            await db.KeyDeleteAsync([.. seeded]);
        }
        return ExitCodes.Ok;
    }

    private static double[] Time(Action action)
    {
        for (var i = 0; i < 3; i++) action();
        return Enumerable.Range(0, InProcessRuns).Select(_ =>
        {
            var started = Stopwatch.GetTimestamp();
            action();
            return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }).ToArray();
    }
}
