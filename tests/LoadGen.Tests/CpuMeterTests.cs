using Streaming.Bench.LoadGen.Benchmark;

namespace Streaming.Bench.LoadGen.Tests;

/// <summary>The benchmark's CPU per event per component (<c>--cpu</c>).</summary>
public sealed class CpuMeterTests
{
    [Fact]
    public void Per_event_is_each_components_cpu_time_between_two_readings_divided_by_the_events()
    {
        var before = new Dictionary<string, TimeSpan> { ["ingest"] = TimeSpan.FromSeconds(1), ["redis"] = TimeSpan.FromSeconds(2) };
        var after = new Dictionary<string, TimeSpan>
        {
            ["ingest"] = TimeSpan.FromSeconds(3.25), ["redis"] = TimeSpan.FromSeconds(2), ["sessionization"] = TimeSpan.FromSeconds(9),
        };

        // 2.25 s over 250,000 events = 9 µs each; Redis spent nothing; sessionization was not read before: left out.
        Assert.Equal(new Dictionary<string, double> { ["ingest"] = 9.0, ["redis"] = 0.0 }, CpuMeter.PerEvent(before, after, 250_000));
    }

    [Fact]
    public void A_reading_has_each_named_process_and_the_generator_and_grows_with_work()
    {
        var meter = CpuMeter.Parse($"self={Environment.ProcessId}, gone=999999999");
        var first = meter.Read();
        // Spin until the runtime says this process spent 200 ms more CPU (however loaded the box is).
        while (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - first[CpuMeter.Generator] < TimeSpan.FromMilliseconds(200)) { }
        var second = meter.Read();

        Assert.Equal(["generator", "self"], second.Keys.Order());
        // /proc counts in 10-ms ticks: at least 190 ms of the 200 show there too.
        Assert.True(second["self"] - first["self"] >= TimeSpan.FromMilliseconds(190), $"{second["self"] - first["self"]} in /proc for 200 ms of spinning");
        Assert.True(second[CpuMeter.Generator] - first[CpuMeter.Generator] >= TimeSpan.FromMilliseconds(200));
    }

    [Theory]
    [InlineData("ingest")]
    [InlineData("ingest=")]
    [InlineData("=12")]
    [InlineData("ingest=-3")]
    [InlineData("ingest=12=13")]
    public void A_malformed_spec_is_refused_naming_the_option(string spec)
    {
        var e = Assert.Throws<ArgumentException>(() => CpuMeter.Parse(spec));
        Assert.Contains("--cpu", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_spec_measures_nothing()
    {
        Assert.True(CpuMeter.Parse("").IsEmpty);
        Assert.False(CpuMeter.Parse("redis=1,ingest=2").IsEmpty);
    }
}
