namespace Streaming.Bench.LoadGen.Benchmark.Baseline;

/// <summary>One baseline run; <see cref="EndToEnd"/> is null if the counter stopped short of the message count.</summary>
public sealed record BaselineResult(int Messages, TimeSpan PublishDone, TimeSpan? EndToEnd)
{
    public double PublishRate => Messages / PublishDone.TotalSeconds;
    public double? EndToEndRate => EndToEnd is { } t ? Messages / t.TotalSeconds : null;
}
