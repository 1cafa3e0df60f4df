namespace Streaming.Bench.LoadGen.Benchmark.Queries;

/// <summary>One row of the query table: the sorted client-side latencies (ms) of its timed queries.</summary>
public sealed record QueryTimes(string Name, string Caller, double[] SortedMs)
{
    public double P50 => Percentiles.Of(SortedMs, 50);
    public double P90 => Percentiles.Of(SortedMs, 90);
    public double P99 => Percentiles.Of(SortedMs, 99);
    public double Max => SortedMs.Length == 0 ? double.NaN : SortedMs[^1];
}
