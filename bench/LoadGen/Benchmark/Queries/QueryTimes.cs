namespace Streaming.Bench.LoadGen.Benchmark.Queries;

/// <summary>
/// One row of the query table: the sorted client-side latencies (ms) of its timed queries, or why it has none
/// (<see cref="Failure"/>: the gateway answered an error status or nothing in time).
/// </summary>
public sealed record QueryTimes(string Name, string Caller, double[] SortedMs) : SortedLatencies(SortedMs)
{
    public string? Failure { get; init; }
}
