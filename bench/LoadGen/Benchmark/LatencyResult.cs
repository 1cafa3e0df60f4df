namespace Streaming.Bench.LoadGen.Benchmark;

/// <summary>Event-to-counter latencies (ms) of the requests that were reflected, and what was offered.</summary>
public sealed record LatencyResult(double TargetRate, double OfferedRate, int Requests, double[] SortedLatencyMs, int Unreflected)
{
    public double P50 => Percentiles.Of(SortedLatencyMs, 50);
    public double P90 => Percentiles.Of(SortedLatencyMs, 90);
    public double P99 => Percentiles.Of(SortedLatencyMs, 99);
    public double Max => SortedLatencyMs.Length == 0 ? double.NaN : SortedLatencyMs[^1];
}
