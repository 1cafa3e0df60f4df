using StackExchange.Redis;
using Streaming.Bench.LoadGen.Benchmark.Baseline;
using Streaming.Bench.LoadGen.Wire;

namespace Streaming.Bench.LoadGen.Benchmark;

/// <summary>
/// <c>bench</c>: (a) throughput, --runs times; (b) latency at half the median end-to-end rate; (c) the MassTransit
/// baseline, --runs times; then a summary of medians and the pipeline/baseline ratio; (d) the query table and the
/// live fan-out's cost to ingestion, with a summary of their own.
/// </summary>
public static class BenchCommand
{
    public static async Task<int> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        if (options.Only == "subscriptions")
        {
            return await Subscriptions.SubscriptionBench.RunAsync(options, cancellationToken);
        }
        if (options.Only == "ranking")
        {
            return await Ranking.RankingBench.RunAsync(options, cancellationToken);
        }
        using var redis = await ConnectRedisAsync(options.Redis);
        var db = redis.GetDatabase();
        var processed = new ProcessedCounter(db, options.KeyPrefix, options.Partitions);
        using var client = new IngestClient(options.Ingest, options.Senders, options.OperatorKey);
        var throughput = new List<ThroughputResult>();
        var baseline = new List<BaselineResult>();
        LatencyResult? latency = null;
        Console.WriteLine($"bench: {Environment.ProcessorCount} cores, {options.Partitions} partitions, namespace '{options.Namespace}', ingest {options.Ingest}");

        if (options.Includes("throughput"))
        {
            await client.EnsureReachableAsync(cancellationToken);
            if (options.Warmup > 0)
            {
                // Freshly started services (and this process) run unoptimised code at first; that is not throughput.
                Console.WriteLine($"\n== warm-up (not counted): {options.Warmup:N0} events");
                await ThroughputPhase.RunAsync(options with { Events = options.Warmup }, client, processed, cancellationToken);
            }
            for (var run = 1; run <= options.Runs; run++)
            {
                Console.WriteLine($"\n== (a) throughput, run {run}/{options.Runs}: {options.Events:N0} events, batches of {options.Batch}, {options.Senders} senders");
                var result = await ThroughputPhase.RunAsync(options, client, processed, cancellationToken);
                Report.Print(result);
                throughput.Add(result);
            }
        }

        var e2e = Percentiles.Median(throughput.Where(r => r.EndToEndRate is not null).Select(r => r.EndToEndRate!.Value));
        if (options.Includes("latency"))
        {
            Console.WriteLine(options.LatencyRate > 0
                ? $"\n== (b) latency at {options.LatencyRate:N0} events/s (--latency-rate), {options.LatencyDuration.TotalSeconds:N0} s"
                : $"\n== (b) latency at half load, {options.LatencyDuration.TotalSeconds:N0} s");
            var rate = options.LatencyRate > 0 ? options.LatencyRate : e2e / 2;
            if (double.IsNaN(rate))
            {
                Console.WriteLine("  skipped: no end-to-end rate was measured");
            }
            else
            {
                latency = await LatencyPhase.RunAsync(options, rate, client, processed, cancellationToken);
                Report.Print(latency);
            }
        }

        if (options.Includes("baseline"))
        {
            for (var run = 1; run <= options.Runs; run++)
            {
                Console.WriteLine($"\n== (c) baseline, run {run}/{options.Runs}: MassTransit 8.5.12, {options.BaselineEvents:N0} messages, " +
                    $"{options.BaselineInFlight} in flight, prefetch 1000, confirms on");
                var result = await BaselinePhase.RunAsync(options, db, cancellationToken);
                Report.Print(result);
                baseline.Add(result);
            }
        }

        if (options.Only != "queries")
        {
            Report.Summary(throughput, latency, baseline);
        }
        var queriesFailed = false;
        if (options.Includes("queries"))
        {
            // Last: its 1.44 M seed events and 1,000 listeners must not weigh on the phases above.
            var (rows, live) = await Queries.QueryBench.RunAsync(options, db, client, processed, cancellationToken);
            Queries.QueryBench.Print(rows, live);
            queriesFailed = rows.Any(r => r.Failure is not null);
        }
        var gaveUp = throughput.Any(r => r.EndToEnd is null) || baseline.Any(r => r.EndToEnd is null) || latency?.Unreflected > 0 || queriesFailed;
        return gaveUp ? ExitCodes.GaveUp : ExitCodes.Ok;
    }

    private static async Task<ConnectionMultiplexer> ConnectRedisAsync(string configuration)
    {
        try
        {
            return await ConnectionMultiplexer.ConnectAsync(configuration);
        }
        catch (RedisConnectionException e)
        {
            throw new BenchAbortedException($"Redis is unreachable at {configuration}: {e.Message}");
        }
    }
}
