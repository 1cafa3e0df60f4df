using Streaming.Bench.LoadGen.Benchmark;

namespace Streaming.Bench.LoadGen.Tests;

public sealed class LatencyOptionTests
{
    private static BenchOptions Parse(params string[] argv) => BenchOptions.From(Args.Parse(["bench", "--operator-key", "k", .. argv]));

    [Fact]
    public void The_latency_phase_settles_10_s_by_default_and_the_option_sets_it()
    {
        Assert.Equal(10.0, Parse().LatencySettle.TotalSeconds);
        Assert.Equal(2.5, Parse("--latency-settle", "2.5").LatencySettle.TotalSeconds);
        Assert.Equal(0.0, Parse("--latency-settle", "0").LatencySettle.TotalSeconds);
    }

    [Fact]
    public void A_negative_settle_is_refused() =>
        Assert.ThrowsAny<ArgumentException>(() => Parse("--latency-settle", "-1"));

    [Fact]
    public void The_latency_phase_runs_at_half_the_measured_rate_unless_a_rate_is_given()
    {
        Assert.Equal(0.0, Parse().LatencyRate); // 0: half the measured end-to-end rate
        Assert.Equal(8000.0, Parse("--latency-rate", "8000").LatencyRate);
    }

    [Fact]
    public void A_negative_rate_is_refused() =>
        Assert.ThrowsAny<ArgumentException>(() => Parse("--latency-rate", "-5"));
}
