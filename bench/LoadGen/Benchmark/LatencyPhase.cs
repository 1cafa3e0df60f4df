using System.Diagnostics;
using Streaming.Bench.LoadGen.Wire;

namespace Streaming.Bench.LoadGen.Benchmark;

/// <summary>
/// Phase (b): event-to-counter latency at a paced load (half the measured end-to-end rate). It covers ingest (HTTP,
/// validation, broker confirm), the broker, and sessionization up to its Redis write, at 5 ms poll resolution.
/// <para>
/// Each request, when sent, takes a mark per partition: the cumulative number of events sent to that partition so
/// far (marks are assigned under a lock in send order). A poller reads every partition's <c>processed</c> every
/// 5 ms; a request is reflected at the first poll at which every partition it touched has processed at least its
/// mark, and its latency is that poll's time (after the reply) minus its send time. This assumes each partition is
/// processed FIFO, which holds approximately: one consumer per partition queue, but concurrent requests may reach
/// ingest, and so the queue, in a different order from their marks.
/// </para>
/// <para>
/// The same pacing runs for <see cref="BenchOptions.LatencySettle"/> first, uncounted (its events do count in the
/// marks): the throughput runs leave work behind, and what is measured is a steady half load. The counted requests'
/// latencies are also printed per 5 s of send time, so a backlog or a stall shows where it happened.
/// </para>
/// </summary>
public static class LatencyPhase
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(5);

    private sealed record Pending(int[] Marks, TimeSpan SentAt);

    private static readonly TimeSpan Window = TimeSpan.FromSeconds(5);

    public static async Task<LatencyResult> RunAsync(
        BenchOptions options, double rate, IngestClient client, ProcessedCounter processed, CancellationToken cancellationToken,
        Func<ISyntheticLoad>? newLoad = null)
    {
        var interval = TimeSpan.FromSeconds(options.LatencyBatch / rate);
        var requests = Math.Max(1, (int)Math.Ceiling(options.LatencyDuration / interval));
        var settling = (int)Math.Ceiling(options.LatencySettle / interval);
        var load = newLoad?.Invoke() ?? new SyntheticLoad(options.Keys, options.Titles, options.Partitions, options.EventAge);
        await BenchCatalog.RegisterAsync(options, load, cancellationToken);
        using var slabs = new SlabBuffer();
        var batches = load.Generate((settling + requests) * options.LatencyBatch, options.LatencyBatch, slabs);
        Console.WriteLine($"  pacing {requests:N0} requests of {options.LatencyBatch} events every {interval.TotalMilliseconds:N1} ms " +
            $"({rate:N0} events/s) for {options.LatencyDuration.TotalSeconds:N0} s, after {settling:N0} requests " +
            $"({options.LatencySettle.TotalSeconds:N0} s) of the same pacing not counted, run tag {load.Tag}");

        var baseline = await processed.ReadAsync();
        var cumulative = new int[options.Partitions];
        var pending = new List<Pending>();
        var latencies = new List<double>();
        var bySendTime = new List<(TimeSpan SentAt, double Ms)>();
        var countFrom = TimeSpan.Zero;
        var gate = new Lock();
        var clock = Stopwatch.StartNew();
        using var stopPolling = new CancellationTokenSource();
        var lastProgress = TimeSpan.Zero;

        async Task PollAsync()
        {
            using var timer = new PeriodicTimer(PollEvery);
            while (await timer.WaitForNextTickAsync(stopPolling.Token))
            {
                var now = await processed.ReadAsync();
                var at = clock.Elapsed;
                lock (gate)
                {
                    var before = pending.Count;
                    pending.RemoveAll(r =>
                    {
                        for (var p = 0; p < r.Marks.Length; p++)
                        {
                            if (r.Marks[p] > 0 && now[p] - baseline[p] < r.Marks[p])
                            {
                                return false;
                            }
                        }
                        latencies.Add((at - r.SentAt).TotalMilliseconds);
                        bySendTime.Add((r.SentAt - countFrom, (at - r.SentAt).TotalMilliseconds));
                        return true;
                    });
                    lastProgress = pending.Count != before ? at : lastProgress;
                }
            }
        }

        var polling = Task.Run(PollAsync, CancellationToken.None);
        using var inFlight = new SemaphoreSlim(options.Senders);
        var sends = new List<Task>();
        var lastDispatch = TimeSpan.Zero;
        for (var i = 0; i < batches.Count; i++)
        {
            var wait = interval * i - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, cancellationToken);
            }
            await inFlight.WaitAsync(cancellationToken);
            var batch = batches[i];
            lock (gate)
            {
                var marks = new int[options.Partitions];
                for (var p = 0; p < marks.Length; p++)
                {
                    cumulative[p] += batch.PerPartition[p];
                    marks[p] = batch.PerPartition[p] > 0 ? cumulative[p] : 0; // only partitions this request touched
                }
                lastDispatch = clock.Elapsed;
                if (i == settling) countFrom = lastDispatch;
                if (i >= settling) pending.Add(new Pending(marks, lastDispatch));
            }
            sends.Add(SendAsync(client, batch, inFlight, cancellationToken));
        }
        await Task.WhenAll(sends);
        var offeredRate = batches.Count * options.LatencyBatch / (lastDispatch + interval).TotalSeconds;

        while (true)
        {
            lock (gate)
            {
                if (pending.Count == 0 || clock.Elapsed - lastProgress > options.StallTimeout)
                {
                    break;
                }
            }
            await Task.Delay(50, cancellationToken);
        }
        await stopPolling.CancelAsync();
        await polling.ContinueWith(_ => { }, TaskScheduler.Default);
        lock (gate)
        {
            PrintBySendTime(bySendTime);
            return new LatencyResult(rate, offeredRate, requests, latencies.Order().ToArray(), pending.Count);
        }
    }

    /// <summary>p50 and max of the counted requests per 5 s of their send time.</summary>
    private static void PrintBySendTime(List<(TimeSpan SentAt, double Ms)> bySendTime)
    {
        var windows = bySendTime.GroupBy(x => (int)(x.SentAt / Window)).OrderBy(g => g.Key)
            .Select(g =>
            {
                var sorted = g.Select(x => x.Ms).Order().ToArray();
                return $"{g.Key * Window.TotalSeconds:N0}-{(g.Key + 1) * Window.TotalSeconds:N0} s: p50 {Percentiles.Of(sorted, 50):N0} max {sorted[^1]:N0}";
            });
        Console.WriteLine($"  by send time (ms): {string.Join(" · ", windows)}");
    }

    private static async Task SendAsync(IngestClient client, RequestBatch batch, SemaphoreSlim inFlight, CancellationToken cancellationToken)
    {
        try
        {
            var result = await client.PostUntilAnsweredAsync(batch.Body, TimeSpan.FromSeconds(30), null, cancellationToken);
            if (!result.IsAccepted || result.Rejected > 0)
            {
                // Marks of later requests would then never be reached: the measurement is void.
                throw new BenchAbortedException($"ingest did not accept a whole latency batch ({(int)result.Status}): {result.Detail}");
            }
        }
        finally
        {
            inFlight.Release();
        }
    }
}
