namespace Streaming.Bench.LoadGen.Benchmark.Queries;

/// <summary>
/// Throughput runs alternating without and with <see cref="Listeners"/> open <c>/v1/live</c> streams, in one session.
/// The slowdown compares the medians: 1 − with / without, in %; negative when the runs with listeners were faster.
/// </summary>
public sealed record LiveComparison(int Listeners, IReadOnlyList<ThroughputResult> Without, IReadOnlyList<ThroughputResult> With)
{
    public double EndToEndWithout => Percentiles.Median(Without.Where(r => r.EndToEndRate is not null).Select(r => r.EndToEndRate!.Value));
    public double EndToEndWith => Percentiles.Median(With.Where(r => r.EndToEndRate is not null).Select(r => r.EndToEndRate!.Value));
    public double IngestWithout => Percentiles.Median(Without.Select(r => r.IngestRate));
    public double IngestWith => Percentiles.Median(With.Select(r => r.IngestRate));

    public double EndToEndSlowdownPercent => Slowdown(EndToEndWithout, EndToEndWith);
    public double IngestSlowdownPercent => Slowdown(IngestWithout, IngestWith);

    public static double Slowdown(double without, double with) => (1 - with / without) * 100;
}
