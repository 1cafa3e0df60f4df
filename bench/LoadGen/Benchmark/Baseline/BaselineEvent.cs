namespace Streaming.Bench.LoadGen.Benchmark.Baseline;

/// <summary>The baseline's message: one small record per event (its namespace names its exchange).</summary>
public sealed record BaselineEvent
{
    public required string EventId { get; init; }
    public required string TitleId { get; init; }
    public required long OccurredAtMs { get; init; }
}
