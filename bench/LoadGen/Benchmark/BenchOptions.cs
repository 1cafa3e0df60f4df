using Streaming.Bench.LoadGen.Benchmark.Queries;
using Streaming.Bench.LoadGen.Benchmark.Ranking;
using Streaming.Bench.LoadGen.Benchmark.Subscriptions;
using Streaming.Bench.LoadGen.Wire;

namespace Streaming.Bench.LoadGen.Benchmark;

public sealed record BenchOptions(
    Uri Ingest,
    string Redis,
    string Rabbit,
    int Partitions,
    string Namespace,
    int Events,
    int Batch,
    int Senders,
    int Keys,
    int Titles,
    int Runs,
    int Warmup,
    TimeSpan LatencyDuration,
    int LatencyBatch,
    int BaselineEvents,
    int BaselineInFlight,
    TimeSpan StallTimeout,
    string Only,
    SubscriptionBenchOptions Subscriptions,
    RankingBenchOptions Ranking,
    Uri Gateway,
    string OperatorKey,
    CpuMeter Cpu,
    int BillingEvery,
    QueryBenchOptions Queries)
{
    /// <summary>The Redis key prefix the pipeline derives from its namespace (PipelineOptions.Prefix).</summary>
    public string KeyPrefix => Namespace.Length == 0 ? "" : Namespace + ".";

    /// <summary>
    /// How long the latency phase paces its load before it starts counting: the throughput runs before it leave work
    /// behind (facts, subscriptions, the broker's and Redis's own), and the goal is about a steady half load.
    /// </summary>
    public TimeSpan LatencySettle { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The load of the latency phase in events/s (--latency-rate); 0, half the measured end-to-end rate. A given rate
    /// compares two versions at the same load, which their own halves are not.
    /// </summary>
    public double LatencyRate { get; init; }

    /// <summary>
    /// How long before generation a run's traffic ends (--event-age; 0, now, as live traffic is). A day makes it the
    /// traffic of the measurements issue 10 compares with: the live view does nothing for it.
    /// </summary>
    public TimeSpan EventAge { get; init; }

    public bool Includes(string phase) => Only.Length == 0 || Only == phase || (Only == "latency" && phase == "throughput");

    public static BenchOptions From(Args args)
    {
        var batch = args.Int("batch", 500, min: 1);
        var options = new BenchOptions(
            args.Url("ingest", "http://127.0.0.1:5101"),
            args.String("redis", "127.0.0.1:6379"),
            args.String("rabbit", "127.0.0.1"),
            args.Int("partitions", 4, min: 1),
            args.String("namespace", ""),
            args.Int("events", 1_000_000, min: 1),
            batch,
            args.Int("senders", 8, min: 1),
            args.Int("keys", 20_000, min: 1),
            args.Int("titles", 300, min: 1),
            args.Int("runs", 1, min: 1),
            args.Int("warmup", 50_000, min: 0),
            TimeSpan.FromSeconds(args.Double("latency-seconds", 20, min: 1)),
            args.Int("latency-batch", batch, min: 1),
            args.Int("baseline-events", 100_000, min: 1),
            args.Int("baseline-inflight", 100, min: 1),
            TimeSpan.FromSeconds(args.Double("stall-timeout", 30, min: 1)),
            args.String("only", ""),
            SubscriptionBenchOptions.From(args),
            RankingBenchOptions.From(args),
            args.Url("gateway", "http://127.0.0.1:5102"),
            AdminClient.OperatorKey(args),
            CpuMeter.Parse(args.String("cpu", "")),
            args.Int("billing-every", 100, min: 0),
            QueryBenchOptions.From(args))
        {
            LatencySettle = TimeSpan.FromSeconds(args.Double("latency-settle", 10, min: 0)),
            LatencyRate = args.Double("latency-rate", 0, min: 0),
            EventAge = TimeSpan.FromSeconds(args.Double("event-age", 0, min: 0)),
        };
        args.RejectUnknown();
        if (options.Only is not ("" or "throughput" or "latency" or "baseline" or "subscriptions" or "ranking" or "queries"))
        {
            throw new ArgumentException($"--only must be throughput, latency, baseline, subscriptions, ranking or queries, not '{options.Only}'");
        }
        return options;
    }
}
