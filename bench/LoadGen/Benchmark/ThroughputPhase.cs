using System.Diagnostics;
using Streaming.Bench.LoadGen.Benchmark.Subscriptions;
using Streaming.Bench.LoadGen.Wire;

namespace Streaming.Bench.LoadGen.Benchmark;

/// <summary>
/// Phase (a): pre-serialise --events synthetic events, then --senders concurrent senders POST them as fast as
/// ingest answers. Ingest rate = accepted / time to the last 202. End-to-end rate = accepted / time until the sum of
/// every partition's <c>processed</c> has grown by the accepted count (polled every 20 ms). Assumes nothing else
/// writes to the same namespace meanwhile.
/// </summary>
public static class ThroughputPhase
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(20);

    /// <summary>How long after the end-to-end count the CPU is read (<c>--cpu</c>): the trailing work settles meanwhile.</summary>
    private static readonly TimeSpan CpuSettle = TimeSpan.FromSeconds(3);

    /// <summary>Subscription events per request of the billing traffic sent beside the playback.</summary>
    private const int BillingBatch = 100;

    public static async Task<ThroughputResult> RunAsync(
        BenchOptions options, IngestClient client, ProcessedCounter processed, CancellationToken cancellationToken, Func<ISyntheticLoad>? newLoad = null)
    {
        var load = newLoad?.Invoke() ?? new SyntheticLoad(options.Keys, options.Titles, options.Partitions, options.EventAge);
        await BenchCatalog.RegisterAsync(options, load, cancellationToken);
        // Billing systems post beside the players: one subscription event per --billing-every playback events, in
        // requests of 100, spread over the run (the playback bench only; none with --billing-every 0).
        var billing = newLoad is null && options.BillingEvery > 0
            ? new SubscriptionLoad(Math.Max(1, options.Keys / 10), options.Subscriptions.Channels, options.Partitions) : null;
        if (billing is not null) await BenchCatalog.RegisterAsync(options, billing, cancellationToken);
        using var slabs = new SlabBuffer();
        var generating = Stopwatch.StartNew();
        var batches = load.Generate(options.Events, options.Batch, slabs);
        var generatorRate = options.Events / generating.Elapsed.TotalSeconds;
        var billingBatches = billing?.Generate(Math.Max(1, options.Events / options.BillingEvery), BillingBatch, slabs) ?? [];
        Console.WriteLine($"  generated {options.Events:N0} events in {batches.Count:N0} bodies ({slabs.Bytes / 1e6:N0} MB), run tag {load.Tag}: " +
            $"generator alone {generatorRate:N0} events/s on one thread" +
            (billing is null ? "" : $"; {billingBatches.Sum(b => b.Count):N0} subscription events in {billingBatches.Count:N0} bodies beside them"));
        using var billingClient = billing is null ? null : new IngestClient(options.Ingest, 1, options.OperatorKey, "/v1/events/subscription");
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);

        var start = await processed.TotalAsync();
        var cpuBefore = options.Cpu.Read();
        var clock = Stopwatch.StartNew();
        await using var watch = new CounterWatch(async () => await processed.TotalAsync() - start, clock, PollEvery);
        long accepted = 0, rejected = 0, lastAcceptTicks = 0;
        var next = -1;
        using var progress = Progress(clock, () => (Volatile.Read(ref next) + 1, Interlocked.Read(ref accepted), watch.Latest), batches.Count);

        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        async Task SendAsync()
        {
            for (var i = Interlocked.Increment(ref next); i < batches.Count; i = Interlocked.Increment(ref next))
            {
                var result = await client.PostUntilAnsweredAsync(batches[i].Body, TimeSpan.FromSeconds(30), null, abort.Token);
                if (!result.IsAccepted)
                {
                    await abort.CancelAsync(); // the other senders stop too
                    throw new BenchAbortedException($"ingest answered {(int)result.Status} to a synthetic batch: {result.Detail}");
                }
                Interlocked.Add(ref accepted, result.Accepted);
                if (result.Rejected > 0 && Interlocked.Add(ref rejected, result.Rejected) == result.Rejected)
                {
                    Console.Error.WriteLine($"  warning: ingest rejected synthetic events, e.g. {result.Detail}");
                }
                InterlockedMax(ref lastAcceptTicks, clock.Elapsed.Ticks);
            }
        }

        long billingAccepted = 0;
        async Task SendBillingAsync()
        {
            for (var j = 0; j < billingBatches.Count; j++)
            {
                // Paced by the playback senders: body j goes once they have taken j/N of their requests.
                while (Volatile.Read(ref next) < (long)j * batches.Count / billingBatches.Count) await Task.Delay(5, abort.Token);
                var result = await billingClient!.PostUntilAnsweredAsync(billingBatches[j].Body, TimeSpan.FromSeconds(30), null, abort.Token);
                if (!result.IsAccepted)
                {
                    await abort.CancelAsync();
                    throw new BenchAbortedException($"ingest answered {(int)result.Status} to a synthetic subscription batch: {result.Detail}");
                }
                Interlocked.Add(ref billingAccepted, result.Accepted);
            }
        }

        var senders = Enumerable.Range(0, options.Senders).Select(_ => Task.Run(SendAsync, CancellationToken.None))
            .Append(Task.Run(SendBillingAsync, CancellationToken.None)).ToList();
        try
        {
            await Task.WhenAll(senders);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested &&
            senders.Select(t => t.Exception?.InnerException).OfType<BenchAbortedException>().FirstOrDefault() is { } aborted)
        {
            throw aborted; // a sender cancelled by the abort may be the one awaited first
        }
        var toLastAccept = TimeSpan.FromTicks(lastAcceptTicks);
        Console.WriteLine($"  all {batches.Count:N0} requests answered after {toLastAccept.TotalSeconds:N2} s; waiting for processed to grow by {accepted:N0}" +
            (billing is null ? "" : $" ({Interlocked.Read(ref billingAccepted):N0} subscription events accepted beside them)"));
        var endToEnd = await watch.WaitUntilAsync(accepted, options.StallTimeout, cancellationToken);
        if (endToEnd is null)
        {
            Console.WriteLine($"  GAVE UP: processed grew by {watch.Latest:N0} of {accepted:N0} and has not moved for {options.StallTimeout.TotalSeconds:N0} s");
        }
        var cpu = new Dictionary<string, double>();
        if (!options.Cpu.IsEmpty && endToEnd is not null && accepted > 0)
        {
            // What follows sessionization's count (engagement's facts, outboxes, the broker's acknowledgements) belongs
            // to the run too: read once that has settled.
            await Task.Delay(CpuSettle, cancellationToken);
            cpu = CpuMeter.PerEvent(cpuBefore, options.Cpu.Read(), accepted);
        }
        return new ThroughputResult(options.Events, accepted, rejected, generatorRate, toLastAccept, endToEnd) { CpuPerEvent = cpu };
    }

    /// <summary>A progress line every 5 s, so a long run shows it is alive.</summary>
    private static Timer Progress(Stopwatch clock, Func<(int Requests, long Accepted, long Processed)> read, int total) =>
        new(_ =>
        {
            var (requests, accepted, done) = read();
            Console.WriteLine($"  t={clock.Elapsed.TotalSeconds,6:N1}s  requests {Math.Min(requests, total):N0}/{total:N0}  accepted {accepted:N0}  processed {done:N0}");
        }, null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));

    private static void InterlockedMax(ref long target, long value)
    {
        for (var current = Interlocked.Read(ref target); value > current; current = Interlocked.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, current) == current)
            {
                return;
            }
        }
    }
}
