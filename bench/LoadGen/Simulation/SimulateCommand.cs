using System.Buffers;
using System.Diagnostics;
using System.Security.Cryptography;
using Streaming.Bench.LoadGen.Benchmark.Subscriptions;
using Streaming.Bench.LoadGen.Wire;
using Streaming.Contracts.Playback;
using Streaming.Contracts.Subscriptions;

namespace Streaming.Bench.LoadGen.Simulation;

/// <summary>
/// <c>simulate</c>: every wall second, gathers all viewers' due events and POSTs them as one array (split only
/// above --max-batch); prints a status line every 10 s; on Ctrl+C / SIGTERM stops every open stream, sends what is
/// queued (for up to 10 s) and exits.
/// </summary>
public static class SimulateCommand
{
    public static async Task<int> RunAsync(SimulateOptions options, CancellationToken shutdown)
    {
        if (options.DemoSetup is { } gateway)
        {
            var keys = await DemoSetupCommand.SetUpAsync(gateway, options.OperatorKey, shutdown);
            foreach (var (name, value) in keys) Console.WriteLine($"[simulate] demo-setup: {name}={value}");
            var issued = keys.ToDictionary(k => k.Key, k => k.Value);
            options = options with { PlayerKey = issued[DemoSetupCommand.PlayerKeyVariable], BillingKey = issued[DemoSetupCommand.BillingKeyVariable] };
            await Task.Delay(TimeSpan.FromSeconds(2.5), shutdown); // ingest sees new keys and titles within its 1-s refresh
        }
        using var client = new IngestClient(options.Ingest, maxConnections: 2, options.PlayerKey);
        using var billingClient = new IngestClient(options.Ingest, maxConnections: 1, options.BillingKey, "/v1/events/subscription");
        try
        {
            await client.EnsureReachableAsync(shutdown);
        }
        catch (IngestUnreachableException e)
        {
            Console.Error.WriteLine($"[simulate] {e.Message}; carrying on, events are retried until it answers");
        }

        var random = new Random(options.Seed);
        var runTag = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)); // event ids unique across runs
        var clock = new VirtualClock(options.Speed, options.Duration);
        var catalogue = Catalogue.Create(random);
        var viewers = Enumerable.Range(0, options.Viewers).Select(i => new Viewer(i, runTag, catalogue, random, clock.Now)).ToList();
        var stats = new SimulatorStats();
        var sender = new BatchSender(client, stats);
        var billingStats = new SimulatorStats();
        var billingSender = new BatchSender(billingClient, billingStats);
        using var drain = new CancellationTokenSource();
        var sending = Task.WhenAll(sender.RunAsync(drain.Token), billingSender.RunAsync(drain.Token));

        Console.WriteLine($"[simulate] {options.Viewers} viewers, {catalogue.Titles.Count} titles, speed {options.Speed}, " +
            $"event time from {clock.Start:u}, run {runTag}, posting to {client.Endpoint}");
        var wall = Stopwatch.StartNew();
        var due = new List<PlaybackEvent>();
        var billing = new List<SubscriptionEvent>();
        using var ticker = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            for (var tick = 1; options.Duration == TimeSpan.Zero || wall.Elapsed < options.Duration; tick++)
            {
                await ticker.WaitForNextTickAsync(shutdown);
                var now = clock.Now;
                viewers.ForEach(v => v.Collect(now, due, billing));
                Post(sender, due, options.MaxBatch);
                PostBilling(billingSender, billing);
                if (tick % 10 == 0)
                {
                    PrintStatus(wall.Elapsed, now, viewers, stats, sender, billingStats);
                }
            }
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            Console.WriteLine("[simulate] stopping: closing open streams");
        }

        var end = clock.Now;
        viewers.ForEach(v => v.StopNow(end, due));
        Post(sender, due, options.MaxBatch);
        sender.Complete();
        billingSender.Complete();
        drain.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            await sending;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine($"[simulate] gave up sending {sender.Queued + billingSender.Queued} queued batch(es) after 10 s");
        }
        PrintStatus(wall.Elapsed, end, viewers, stats, sender, billingStats);
        return ExitCodes.Ok;
    }

    private static void Post(BatchSender sender, List<PlaybackEvent> due, int maxBatch)
    {
        foreach (var chunk in due.Chunk(maxBatch))
        {
            var buffer = new ArrayBufferWriter<byte>(chunk.Length * 320);
            EventJson.WriteArray(buffer, chunk);
            sender.Enqueue(buffer.WrittenSpan.ToArray(), chunk.Length);
        }
        due.Clear();
    }

    /// <summary>Billing events are few: one request a second, when there are any.</summary>
    private static void PostBilling(BatchSender sender, List<SubscriptionEvent> billing)
    {
        if (billing.Count == 0) return;
        var buffer = new ArrayBufferWriter<byte>(billing.Count * 200);
        SubscriptionEventJson.WriteArray(buffer, billing);
        sender.Enqueue(buffer.WrittenSpan.ToArray(), billing.Count);
        billing.Clear();
    }

    private static void PrintStatus(
        TimeSpan elapsed, DateTimeOffset virtualNow, List<Viewer> viewers, SimulatorStats stats, BatchSender sender, SimulatorStats billing) =>
        Console.WriteLine($"[simulate {elapsed:hh\\:mm\\:ss}] event time {virtualNow:yyyy-MM-dd HH:mm:ss}Z  watching {viewers.Count(v => v.IsWatching)}" +
            $"  sent {stats.Sent}  accepted {stats.Accepted}  rejected {stats.Rejected}  refused {stats.Failed}" +
            $"  retries {stats.Retries}  queued batches {sender.Queued}  billing sent {billing.Sent} accepted {billing.Accepted}");
}
