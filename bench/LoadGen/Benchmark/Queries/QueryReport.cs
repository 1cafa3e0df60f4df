using System.Globalization;

namespace Streaming.Bench.LoadGen.Benchmark.Queries;

/// <summary>
/// The query phase's summary: a table, then one line per row that a log can be grepped for
/// (<c>query  groupBy=title total  p50 … ms  p99 … ms</c>, <c>live  1,000 listeners  …</c>).
/// </summary>
public static class QueryReport
{
    public static IEnumerable<string> Lines(IReadOnlyList<QueryTimes> rows, LiveComparison? live)
    {
        var width = rows.Count == 0 ? 0 : rows.Max(r => r.Name.Length);
        yield return $"  {"query".PadRight(width)}  {"caller",-11} {"n",5} {"p50 ms",9} {"p90 ms",9} {"p99 ms",9} {"max ms",9}";
        foreach (var r in rows)
        {
            yield return r.Failure is { } failure
                ? F($"  {r.Name.PadRight(width)}  {r.Caller,-11} failed: {failure}")
                : F($"  {r.Name.PadRight(width)}  {r.Caller,-11} {r.SortedMs.Length,5} {r.P50,9:N1} {r.P90,9:N1} {r.P99,9:N1} {r.Max,9:N1}");
        }
        if (live is not null)
        {
            yield return F($"  live fan-out: {live.Without.Count} run(s) without and {live.With.Count} with {live.Listeners:N0} listeners, events/s (median):");
            yield return F($"    end to end      without {live.EndToEndWithout,9:N0}   with {live.EndToEndWith,9:N0}   runs: {Runs(live, r => r.EndToEndRate)}");
            yield return F($"    ingest accepted without {live.IngestWithout,9:N0}   with {live.IngestWith,9:N0}   runs: {Runs(live, r => r.IngestRate)}");
        }
        yield return "";
        foreach (var r in rows)
        {
            yield return r.Failure is { } failure ? $"query  {r.Name}  failed: {failure}" : F($"query  {r.Name}  p50 {r.P50:N1} ms  p99 {r.P99:N1} ms");
        }
        if (live is not null)
        {
            yield return F($"live  {live.Listeners:N0} listeners  end to end without {live.EndToEndWithout:N0} events/s  with {live.EndToEndWith:N0} events/s  slowdown {live.EndToEndSlowdownPercent:N1} %");
            yield return F($"live  {live.Listeners:N0} listeners  ingest accepted without {live.IngestWithout:N0} events/s  with {live.IngestWith:N0} events/s  slowdown {live.IngestSlowdownPercent:N1} %");
        }
    }

    /// <summary>The runs in the order they ran (without, with, without, ...), e.g. "16,000 · +15,500 · 16,200" (+ = with listeners).</summary>
    private static string Runs(LiveComparison live, Func<ThroughputResult, double?> rate)
    {
        var order = new List<string>();
        for (var i = 0; i < live.Without.Count + live.With.Count; i++)
        {
            var (run, with) = i % 2 == 0 ? (live.Without[i / 2], false) : (live.With[i / 2], true);
            order.Add((with ? "+" : "") + (rate(run) is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) : "gave up"));
        }
        return string.Join(" · ", order);
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
