using System.Text.Json;
using StackExchange.Redis;
using Streaming.Bench.LoadGen.Wire;
using Streaming.EngagementRules;

namespace Streaming.Bench.LoadGen.Benchmark.Ranking;

/// <summary>
/// The gateway's engagement query over seeded units: long-tailed units written to Redis through
/// <see cref="EngagementLayout"/> for month 2000-01 (which no live fact can reach), then timed sequential GETs, either
/// with a new version of the counters before each (<see cref="NewVersionAsync"/>: the gateway ranks every time, as
/// while facts arrive) or with the counters unchanged (the gateway reuses its ranking). Shared by
/// <c>bench --only ranking</c> and <c>bench --only queries</c>.
/// </summary>
public static class EngagementQueryTiming
{
    public const int Untimed = 5;
    public static readonly UtcMonth Month = new(2000, 1);

    public static List<PrimeUnit> Units(int units, int seed)
    {
        // Long-tailed, as catalogues are: a few units with many customers, many with few; plenty of ties.
        var random = new Random(seed);
        return Enumerable.Range(0, units).Select(i =>
        {
            var customers = (long)(10_000 * Math.Pow(random.NextDouble(), 4));
            return new PrimeUnit(EngagementLayout.TitleKind, $"bench-title-{i:D6}", customers, customers * random.NextInt64(60_000, 7_200_000));
        }).ToList();
    }

    /// <summary>
    /// Writes the units of <paramref name="territory"/> for <see cref="Month"/> and gives them a version, as counting
    /// does; returns the keys, for the caller to delete.
    /// </summary>
    public static async Task<RedisKey[]> SeedAsync(IDatabase db, string prefix, string territory, List<PrimeUnit> units)
    {
        var key = (RedisKey)EngagementLayout.Prime(prefix, Month, territory);
        await db.KeyDeleteAsync(key);
        foreach (var chunk in units.Chunk(5_000))
        {
            await db.HashSetAsync(key, chunk.Select(u =>
                new HashEntry(EngagementLayout.Unit(u.Kind, u.Id), EngagementLayout.PrimeValue(u.DistinctCustomers, u.WatchedMs))).ToArray());
        }
        await NewVersionAsync(db, prefix, territory);
        return [key, EngagementLayout.SlotStatus(prefix, Month, territory)];
    }

    /// <summary>A version the seeded counters never had, as a counted message gives them: the next query ranks anew.</summary>
    public static Task NewVersionAsync(IDatabase db, string prefix, string territory) =>
        db.HashSetAsync(EngagementLayout.SlotStatus(prefix, Month, territory), EngagementLayout.SlotVersionField, Guid.NewGuid().ToString("N"));

    /// <summary>
    /// Sorted latencies (ms) of <paramref name="queries"/> sequential GETs on a kept-alive connection after
    /// <see cref="Untimed"/> untimed ones, each of which must list between 1 and <paramref name="units"/> ranked units.
    /// <paramref name="beforeEach"/>, when given, runs before every GET, untimed.
    /// </summary>
    public static async Task<double[]> QueryAsync(
        HttpClient http, string territory, int units, int queries, string ns, Func<Task>? beforeEach, CancellationToken cancellationToken)
    {
        var url = $"/v1/metrics/engagement?month={Month}&territory={territory}";
        var latencies = new List<double>(queries);
        for (var i = -Untimed; i < queries; i++)
        {
            if (beforeEach is not null) await beforeEach();
            var (body, elapsed) = await TimedQuery.GetAsync(http, url, cancellationToken);
            if (i < 0)
            {
                var count = JsonSerializer.Deserialize(body, AnswerJsonContext.Default.UnitsAnswer)!.Units.Count;
                if (i == -Untimed) Console.WriteLine($"  answer: {count:N0} ranked units, {body.Length / 1024.0:N0} KiB of JSON");
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
