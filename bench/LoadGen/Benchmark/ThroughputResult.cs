namespace Streaming.Bench.LoadGen.Benchmark;

/// <summary>
/// One throughput run. Times are from the first send. <see cref="EndToEnd"/> is null when sessionization's
/// <c>processed</c> stopped growing before it had counted every accepted event. <see cref="CpuPerEvent"/>: CPU
/// microseconds per accepted event of each component measured (<c>--cpu</c>), empty when none was.
/// </summary>
public sealed record ThroughputResult(
    int Events, long Accepted, long Rejected, double GeneratorRate, TimeSpan ToLastAccept, TimeSpan? EndToEnd)
{
    public IReadOnlyDictionary<string, double> CpuPerEvent { get; init; } = new Dictionary<string, double>();

    public double IngestRate => Accepted / ToLastAccept.TotalSeconds;
    public double? EndToEndRate => EndToEnd is { } t ? Accepted / t.TotalSeconds : null;
}
