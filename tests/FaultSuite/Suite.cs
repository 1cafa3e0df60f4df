using Streaming.FaultSuite.Checks;
using Streaming.FaultSuite.Faults;
using Streaming.FaultSuite.Harness;
using Streaming.FaultSuite.Reference;
using Streaming.FaultSuite.Traffic;

namespace Streaming.FaultSuite;

/// <summary>
/// Starts the five services as processes on the suite's broker and Redis, runs the faults with traffic flowing, then
/// compares every number the gateway reports with the reference and checks the error queues. Exit status 0 only when
/// every number is equal, nothing is in an error queue, and every phase recovered and counted what it acknowledged.
/// </summary>
public sealed class Suite(SuiteSettings settings)
{
    private const int Viewers = 400, Customers = 150, Subscribers = 150;
    private static readonly TimeSpan SettleDeadline = TimeSpan.FromSeconds(90);
    private static readonly string[] ServiceNames = ["Sessionization", "Subscriptions", "EngagementRanking", "Ingest", "Gateway"];

    public async Task<int> RunAsync()
    {
        PhaseRunner.Log($"seed {settings.Seed} (FAULT_SEED={settings.Seed} replays this traffic)");
        if (DocumentedExamples.Check() is { Count: > 0 } wrong)
        {
            foreach (var w in wrong) Console.Error.WriteLine($"reference model: {w}");
            Console.Error.WriteLine("The reference model disagrees with the worked examples of docs/metrics.md; nothing was run.");
            return 1;
        }
        PhaseRunner.Log("the reference model gives every worked example of docs/metrics.md it covers");
        var services = settings.Cluster is null
            ? ServiceNames.Select((name, i) => new ServiceProcess(name, SuiteSettings.FirstServicePort + i, settings)).ToDictionary(s => s.Name)
            : Enumerable.Range(1, ClusterLayout.Replicas)
                .SelectMany(n => ServiceNames.Select((name, i) => new ServiceProcess(name, SuiteSettings.FirstClusterServicePort + 10 * i + n, settings, n)))
                .ToDictionary(s => s.Name);
        var deps = new Dependencies(settings);
        var faults = settings.Cluster is null ? FaultCatalog.All(services, deps) : FaultCatalog.Cluster(services, deps);
        if (settings.Only is { } only && faults.All(f => f.Name != only))
        {
            Console.Error.WriteLine($"no fault '{only}'; the faults: {string.Join(", ", faults.Select(f => f.Name))}");
            return 2;
        }
        var run = settings.Only is { } name ? faults.Where(f => f.Name == name).ToList() : faults.ToList();

        // The traffic: event time in the three hours before the current one (a backfill counts normally).
        var now = DateTimeOffset.UtcNow;
        var windowStart = PlaybackReference.Hour(now).AddHours(-3);
        var generator = new TrafficGenerator(settings.Seed, windowStart);
        var playback = generator.Playback(Viewers, Customers);
        var subscriptions = generator.Subscriptions(Subscribers);
        var playbackBatches = generator.Batches(playback, e => e.EventId, e => e.OccurredAt, "/v1/events/playback");
        var subscriptionBatches = generator.Batches(subscriptions, e => e.EventId, e => e.OccurredAt, "/v1/events/subscription");
        PhaseRunner.Log($"traffic: {playback.Count} playback events of {Viewers} viewers, {subscriptions.Count} subscription events of {Subscribers} subscribers; " +
                        $"{playbackBatches.Sum(b => b.EventIds.Count) + subscriptionBatches.Sum(b => b.EventIds.Count)} sends with repeats");

        var keys = new SuiteKeys();
        var clients = new Clients([.. services.Values.Where(s => s.Service == "Ingest").Select(s => s.BaseAddress)], keys);
        // The probes and the comparison read through the first gateway (the gateways are not killed); in cluster mode
        // the comparison is made through every gateway replica.
        var gateways = services.Values.Where(s => s.Service == "Gateway").ToList();
        var gateway = new HttpClient
        {
            BaseAddress = gateways[0].BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
            DefaultRequestHeaders = { Authorization = new("Bearer", settings.OperatorKey) },
        };
        var broker = new Broker(settings);
        var results = new List<PhaseResult>();
        try
        {
            // Replica by replica, so the first replica of each consumer service is consuming before the second
            // registers (with single active consumer, the first holds the partitions; the cluster faults kill it).
            foreach (var replicas in services.Values.GroupBy(s => s.Name[s.Service.Length..]))
            {
                foreach (var service in replicas) service.Start();
                foreach (var service in replicas) await WaitReadyAsync(service);
            }
            // Every title and channel of the traffic and of the probes in the catalog; the clients' ingest keys.
            var probeIds = run.SelectMany(PhaseRunner.ProbeNames).Select(n => new Probe(n, now).Id).ToList();
            await keys.SetUpAsync(gateway, playback.Select(e => e.TitleId).Concat(probeIds), subscriptions.Select(e => e.ChannelId).Concat(probeIds));
            PhaseRunner.Log($"catalog and keys set up through the admin API ({keys.Titles} titles, {keys.Channels} channels)");

            var runner = new PhaseRunner(settings, clients, broker, gateway, probe =>
            {
                playback.AddRange(probe.Playback);
                subscriptions.AddRange(probe.Subscription);
            });
            for (var i = 0; i < run.Count; i++)
            {
                var share = Interleave(Slice(playbackBatches, i, run.Count), Slice(subscriptionBatches, i, run.Count));
                results.Add(await runner.RunAsync(run[i], i, share));
            }

            return await VerdictAsync(results, playback, subscriptions, clients, broker, services, gateways);
        }
        finally
        {
            foreach (var service in services.Values.Reverse()) service.Stop();
        }
    }

    private async Task<int> VerdictAsync(List<PhaseResult> results, List<PlaybackEvent> playback, List<SubscriptionEvent> subscriptions,
        Clients clients, Broker broker, Dictionary<string, ServiceProcess> services, List<ServiceProcess> gateways)
    {
        // Only what was acknowledged is owed; an event never acknowledged is an anomaly of its own (listed below).
        var playbackReference = new PlaybackReference(playback.Where(e => clients.Acknowledged(e.EventId)));
        var channelReference = new ChannelReference(subscriptions.Where(e => clients.Acknowledged(e.EventId)));
        string[] marketplaces = [.. playback.Select(e => e.Marketplace).Distinct().Order()];
        List<string> diffs = [];
        var settle = System.Diagnostics.Stopwatch.StartNew();
        foreach (var replica in gateways)
        {
            var comparison = new GatewayComparison(replica.BaseAddress, settings.OperatorKey, playbackReference, channelReference, marketplaces);
            while (true)
            {
                try
                {
                    diffs = await comparison.DifferencesAsync();
                }
                catch (HttpRequestException e)
                {
                    diffs = [$"the gateway did not answer: {e.Message}"];
                }
                if (diffs.Count == 0 || settle.Elapsed > SettleDeadline) break;
                await Task.Delay(TimeSpan.FromSeconds(5));
            }
            if (gateways.Count > 1) PhaseRunner.Log($"compared through {replica.Name}: {diffs.Count} numbers differ");
            if (diffs.Count > 0)
            {
                diffs = [.. diffs.Select(d => gateways.Count > 1 ? $"{replica.Name}: {d}" : d)];
                break;
            }
        }
        var queues = await broker.QueuesAsync();
        var faulted = queues is null ? [("management API not answering", -1L)] : Broker.Faulted(queues).Where(q => q.Messages != 0).ToList();
        var stats = await StatsReader.ReadAsync(settings);

        Report.Print(results);
        Console.WriteLine();
        Console.WriteLine(diffs.Count == 0
            ? "Every number equals the reference: minutes and streams per title and hour (all, and per offer and marketplace), titles' totals, CER inputs and CER, channel metrics."
            : $"{diffs.Count} numbers differ from the reference:");
        foreach (var d in diffs.Take(200)) Console.WriteLine($"  - {d}");
        if (diffs.Count > 200) Console.WriteLine($"  ... and {diffs.Count - 200} more");
        Console.WriteLine(faulted.Count == 0 ? "No _error or _skipped queue holds a message." : "Error queues holding messages:");
        foreach (var (queue, messages) in faulted) Console.WriteLine($"  - {queue}: {messages}");
        Console.WriteLine($"Late events dropped: {stats?.Late.ToString() ?? "?"} (the traffic has none).");
        foreach (var a in clients.Anomalies) Console.WriteLine($"Client anomaly: {a}");
        var crashed = services.Values.Where(s => s.Exited).Select(s => s.Name).ToList();
        if (crashed.Count > 0) Console.WriteLine($"Exited by themselves: {string.Join(", ", crashed)} (see {settings.LogDirectory})");
        Console.WriteLine($"Seed {settings.Seed}; {clients.Attempts} requests sent for the traffic and probes.");

        var passed = diffs.Count == 0 && faulted.Count == 0 && stats is { Late: 0 } && !clients.Anomalies.Any() &&
                     crashed.Count == 0 && results.All(r => r.Ok);
        Console.WriteLine(passed ? "FAULT SUITE PASSED" : "FAULT SUITE FAILED");
        return passed ? 0 : 1;
    }

    private static async Task WaitReadyAsync(ServiceProcess service)
    {
        using var http = new HttpClient { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            try
            {
                using var response = await http.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    PhaseRunner.Log($"{service.Name} ready on {service.BaseAddress}");
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }
            if (service.Exited) break;
            await Task.Delay(500);
        }
        throw new InvalidOperationException($"{service.Name} is not ready after 90 s; see its log under var/faults/logs");
    }

    private static List<Batch> Slice(List<Batch> batches, int index, int count) =>
        batches.GetRange(batches.Count * index / count, batches.Count * (index + 1) / count - batches.Count * index / count);

    /// <summary>Both kinds of traffic spread through the phase, each in its own order.</summary>
    private static List<Batch> Interleave(List<Batch> a, List<Batch> b) =>
        [.. a.Select((x, i) => (Position: (double)i / a.Count, Batch: x)).Concat(b.Select((x, i) => (Position: (double)i / b.Count, Batch: x)))
            .OrderBy(p => p.Position).Select(p => p.Batch)];
}
