using StackExchange.Redis;
using Streaming.Bench.LoadGen.Wire;
using Streaming.PartitionedState.Layouts;

namespace Streaming.Bench.LoadGen.Benchmark.Subscriptions;

/// <summary>
/// <c>bench --only subscriptions</c>: the throughput and half-load latency phases of the playback bench, driven with
/// subscription events through ingest, RabbitMQ and the subscription service (its stats hashes' <c>processed</c>,
/// <see cref="ChannelCounterLayout.StatsKey"/>), then the gateway's channel query over a year of daily buckets.
/// </summary>
public static class SubscriptionBench
{
    public static async Task<int> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        ConnectionMultiplexer redis;
        try
        {
            redis = await ConnectionMultiplexer.ConnectAsync(options.Redis);
        }
        catch (RedisConnectionException e)
        {
            throw new BenchAbortedException($"Redis is unreachable at {options.Redis}: {e.Message}");
        }
        using var _ = redis;
        var db = redis.GetDatabase();
        var processed = new ProcessedCounter(db, options.KeyPrefix, options.Partitions, ChannelCounterLayout.StatsKey);
        using var client = new IngestClient(options.Ingest, options.Senders, options.OperatorKey, "/v1/events/subscription");
        ISyntheticLoad NewLoad() => new SubscriptionLoad(options.Keys, options.Subscriptions.Channels, options.Partitions);
        Console.WriteLine($"bench subscriptions: {Environment.ProcessorCount} cores, {options.Partitions} partitions, namespace '{options.Namespace}', " +
            $"ingest {client.Endpoint}, {options.Keys:N0} subscribers over {options.Subscriptions.Channels} channels");

        await client.EnsureReachableAsync(cancellationToken);
        if (options.Warmup > 0)
        {
            Console.WriteLine($"\n== warm-up (not counted): {options.Warmup:N0} events");
            await ThroughputPhase.RunAsync(options with { Events = options.Warmup }, client, processed, cancellationToken, NewLoad);
        }
        var throughput = new List<ThroughputResult>();
        for (var run = 1; run <= options.Runs; run++)
        {
            Console.WriteLine($"\n== (a) subscription throughput, run {run}/{options.Runs}: {options.Events:N0} events, batches of {options.Batch}, {options.Senders} senders");
            var result = await ThroughputPhase.RunAsync(options, client, processed, cancellationToken, NewLoad);
            Report.Print(result);
            throughput.Add(result);
        }

        var e2e = Percentiles.Median(throughput.Where(r => r.EndToEndRate is not null).Select(r => r.EndToEndRate!.Value));
        LatencyResult? latency = null;
        Console.WriteLine($"\n== (b) subscription latency at half load, {options.LatencyDuration.TotalSeconds:N0} s");
        if (double.IsNaN(e2e))
        {
            Console.WriteLine("  skipped: no end-to-end rate was measured");
        }
        else
        {
            latency = await LatencyPhase.RunAsync(options, e2e / 2, client, processed, cancellationToken, NewLoad);
            Report.Print(latency);
        }

        Console.WriteLine($"\n== (c) channel query over a year of daily buckets, {options.Subscriptions.Queries} queries at {options.Subscriptions.Gateway}");
        var query = await ChannelQueryTiming.RunAsync(options, db, cancellationToken);
        Console.WriteLine($"  {query.FieldsRead:N0} hash fields in {options.Partitions} hashes per query; " +
            $"ms p50 {query.P50:N1}  p90 {query.P90:N1}  p99 {query.P99:N1}  max {query.Max:N1}  (client side, loopback)");

        Console.WriteLine($"\n== subscriptions summary (medians of {throughput.Count} run(s))");
        Console.WriteLine($"  ingest accepted      {Percentiles.Median(throughput.Select(r => r.IngestRate)),10:N0} events/s   runs: {string.Join(", ", throughput.Select(r => r.IngestRate.ToString("N0")))}");
        Console.WriteLine($"  end to end           {e2e,10:N0} events/s   runs: {string.Join(", ", throughput.Select(r => r.EndToEndRate?.ToString("N0") ?? "gave up"))}");
        if (latency is not null)
        {
            Console.WriteLine($"  latency @ {latency.OfferedRate:N0}/s     p50 {latency.P50:N0} ms  p90 {latency.P90:N0} ms  p99 {latency.P99:N0} ms  max {latency.Max:N0} ms");
        }
        Console.WriteLine($"  channel query, year  p50 {query.P50:N1} ms  p99 {query.P99:N1} ms  max {query.Max:N1} ms");
        var gaveUp = throughput.Any(r => r.EndToEnd is null) || latency?.Unreflected > 0;
        return gaveUp ? ExitCodes.GaveUp : ExitCodes.Ok;
    }
}
