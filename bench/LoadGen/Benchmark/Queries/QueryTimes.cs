namespace Streaming.Bench.LoadGen.Benchmark.Queries;

/// <summary>One row of the query table: the sorted client-side latencies (ms) of its timed queries.</summary>
public sealed record QueryTimes(string Name, string Caller, double[] SortedMs) : SortedLatencies(SortedMs);
