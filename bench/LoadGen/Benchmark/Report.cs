using Streaming.Bench.LoadGen.Benchmark.Baseline;

namespace Streaming.Bench.LoadGen.Benchmark;

/// <summary>How results are printed: one block per phase run, then medians.</summary>
public static class Report
{
    public static void Print(ThroughputResult r)
    {
        Console.WriteLine($"  accepted {r.Accepted:N0}, rejected {r.Rejected:N0}; last 202 after {r.ToLastAccept.TotalSeconds:N2} s");
        Console.WriteLine($"  ingest accepted:   {r.IngestRate,10:N0} events/s");
        Console.WriteLine(r.EndToEnd is { } t
            ? $"  end to end:        {r.EndToEndRate,10:N0} events/s  (processed reached +{r.Accepted:N0} after {t.TotalSeconds:N2} s)"
            : "  end to end:        not measured (gave up waiting for processed)");
        Console.WriteLine($"  generator alone:   {r.GeneratorRate,10:N0} events/s");
        if (r.CpuPerEvent.Count > 0)
        {
            Console.WriteLine($"  CPU µs per event:  {string.Join("  ", r.CpuPerEvent.Select(c => $"{c.Key} {c.Value:N1}"))}  (total {r.CpuPerEvent.Values.Sum():N1})");
        }
    }

    public static void Print(LatencyResult r)
    {
        Console.WriteLine($"  offered {r.OfferedRate:N0} events/s (target {r.TargetRate:N0}); {r.Requests:N0} requests, " +
            $"{r.SortedLatencyMs.Length:N0} reflected, {r.Unreflected:N0} not reflected");
        Console.WriteLine($"  event-to-counter latency ms: p50 {r.P50:N0}  p90 {r.P90:N0}  p99 {r.P99:N0}  max {r.Max:N0}  (5 ms poll resolution)");
    }

    public static void Print(BaselineResult r)
    {
        Console.WriteLine($"  sends confirmed after {r.PublishDone.TotalSeconds:N2} s: {r.PublishRate,10:N0} msgs/s");
        Console.WriteLine(r.EndToEnd is { } t
            ? $"  end to end:        {r.EndToEndRate,10:N0} msgs/s  (counter reached {r.Messages:N0} after {t.TotalSeconds:N2} s)"
            : "  end to end:        not measured (gave up waiting for the counter)");
    }

    public static void Summary(List<ThroughputResult> throughput, LatencyResult? latency, List<BaselineResult> baseline)
    {
        Console.WriteLine($"\n== summary (medians of {Math.Max(throughput.Count, baseline.Count)} run(s))");
        var e2e = Percentiles.Median(throughput.Where(r => r.EndToEndRate is not null).Select(r => r.EndToEndRate!.Value));
        var baselineE2e = Percentiles.Median(baseline.Where(r => r.EndToEndRate is not null).Select(r => r.EndToEndRate!.Value));
        if (throughput.Count > 0)
        {
            Console.WriteLine($"  ingest accepted      {Percentiles.Median(throughput.Select(r => r.IngestRate)),10:N0} events/s   runs: {Join(throughput.Select(r => (double?)r.IngestRate))}");
            Console.WriteLine($"  pipeline end to end  {e2e,10:N0} events/s   runs: {Join(throughput.Select(r => r.EndToEndRate))}");
            Console.WriteLine($"  generator alone      {Percentiles.Median(throughput.Select(r => r.GeneratorRate)),10:N0} events/s");
            var components = throughput.SelectMany(r => r.CpuPerEvent.Keys).Distinct(StringComparer.Ordinal).ToList();
            if (components.Count > 0)
            {
                Console.WriteLine("  CPU µs per event (median of the runs):");
                foreach (var component in components)
                {
                    var values = throughput.Where(r => r.CpuPerEvent.ContainsKey(component)).Select(r => r.CpuPerEvent[component]).ToList();
                    Console.WriteLine($"    {component,-22} {Percentiles.Median(values),8:N1}   runs: {string.Join(", ", values.Select(v => v.ToString("N1", System.Globalization.CultureInfo.InvariantCulture)))}");
                }
                Console.WriteLine($"    {"all",-22} {Percentiles.Median(throughput.Where(r => r.CpuPerEvent.Count > 0).Select(r => r.CpuPerEvent.Values.Sum())),8:N1}");
            }
        }
        if (latency is not null)
        {
            Console.WriteLine($"  latency @ {latency.OfferedRate:N0}/s     p50 {latency.P50:N0} ms  p90 {latency.P90:N0} ms  p99 {latency.P99:N0} ms  max {latency.Max:N0} ms");
        }
        if (baseline.Count > 0)
        {
            Console.WriteLine($"  baseline end to end  {baselineE2e,10:N0} msgs/s     runs: {Join(baseline.Select(r => r.EndToEndRate))}");
        }
        if (!double.IsNaN(e2e) && !double.IsNaN(baselineE2e))
        {
            Console.WriteLine($"  ratio pipeline/baseline (end to end): {e2e / baselineE2e:N2}");
        }
    }

    private static string Join(IEnumerable<double?> rates) =>
        string.Join(", ", rates.Select(r => r is { } v ? v.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : "gave up"));
}
