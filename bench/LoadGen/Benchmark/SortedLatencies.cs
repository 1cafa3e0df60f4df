namespace Streaming.Bench.LoadGen.Benchmark;

/// <summary>Client-side latencies (ms) of timed queries, ascending, and their nearest-rank percentiles.</summary>
public abstract record SortedLatencies(double[] SortedMs)
{
    public double P50 => Percentiles.Of(SortedMs, 50);
    public double P90 => Percentiles.Of(SortedMs, 90);
    public double P99 => Percentiles.Of(SortedMs, 99);
    public double Max => SortedMs.Length == 0 ? double.NaN : SortedMs[^1];
}
