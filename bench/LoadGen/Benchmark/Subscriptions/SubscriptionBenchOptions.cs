namespace Streaming.Bench.LoadGen.Benchmark.Subscriptions;

/// <summary>The options only <c>bench --only subscriptions</c> reads.</summary>
public sealed record SubscriptionBenchOptions(Uri Gateway, int Channels, int Queries)
{
    public static SubscriptionBenchOptions From(Args args) => new(
        args.Url("gateway", "http://127.0.0.1:5102"),
        args.Int("channels", 20, min: 1),
        args.Int("queries", 200, min: 1));
}
