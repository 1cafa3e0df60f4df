using System.Diagnostics;
using System.Text.Json;
using StackExchange.Redis;
using Streaming.Bench.LoadGen.Wire;
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
    private static readonly UtcMonth Month = new(2000, 1);

    public static async Task<int> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var ranking = options.Ranking;
        Console.WriteLine($"bench ranking: {Environment.ProcessorCount} cores, namespace '{options.Namespace}', gateway {ranking.Gateway}");

        Console.WriteLine($"\n== (1) CER ranking in process: {ranking.RankUnits:N0} units, {InProcessRuns} runs after 3 untimed");
        var rankUnits = Units(ranking.RankUnits, seed: 42);
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
                Console.WriteLine($"\n== (2) GET /v1/metrics/engagement, {units:N0} units ({territory}): {queries} sequential queries after 5 untimed");
                seeded.Add(await SeedAsync(db, options.KeyPrefix, territory, Units(units, seed: units)));
                var latencies = await QueryAsync(http, territory, units, queries, options.Namespace, cancellationToken);
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

    private static List<PrimeUnit> Units(int units, int seed)
    {
        // Long-tailed, as catalogues are: a few units with many customers, many with few; plenty of ties.
        var random = new Random(seed);
        return Enumerable.Range(0, units).Select(i =>
        {
            var customers = (long)(10_000 * Math.Pow(random.NextDouble(), 4));
            return new PrimeUnit(EngagementLayout.TitleKind, $"bench-title-{i:D6}", customers, customers * random.NextInt64(60_000, 7_200_000));
        }).ToList();
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

    private static async Task<RedisKey> SeedAsync(IDatabase db, string prefix, string territory, List<PrimeUnit> units)
    {
        var key = (RedisKey)EngagementLayout.Prime(prefix, Month, territory);
        await db.KeyDeleteAsync(key);
        foreach (var chunk in units.Chunk(5_000))
        {
            await db.HashSetAsync(key, chunk.Select(u =>
                new HashEntry(EngagementLayout.Unit(u.Kind, u.Id), EngagementLayout.PrimeValue(u.DistinctCustomers, u.WatchedMs))).ToArray());
        }
        return key;
    }

    /// <summary>Sorted latencies (ms) of sequential GETs on a kept-alive connection; each answer must list every ranked unit.</summary>
    private static async Task<double[]> QueryAsync(HttpClient http, string territory, int units, int queries, string ns, CancellationToken cancellationToken)
    {
        var url = $"/v1/metrics/engagement?month={Month}&territory={territory}";
        var latencies = new List<double>(queries);
        for (var i = -5; i < queries; i++)
        {
            var (body, elapsed) = await TimedQuery.GetAsync(http, url, cancellationToken);
            if (i < 0)
            {
                var count = JsonSerializer.Deserialize(body, AnswerJsonContext.Default.UnitsAnswer)!.Units.Count;
                if (i == -5) Console.WriteLine($"  answer: {count:N0} ranked units, {body.Length / 1024.0:N0} KiB of JSON");
                if (count == 0 || count > units)
                {
                    throw new BenchAbortedException($"the gateway listed {count} units, not up to {units}: is it running with Pipeline__Namespace='{ns}'?");
                }
                continue;
            }
            latencies.Add(elapsed);
        }
        return [.. latencies.Order()];
    }
}
