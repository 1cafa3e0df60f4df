using System.Diagnostics;
using Streaming.FaultSuite.Checks;
using Streaming.FaultSuite.Harness;
using Streaming.FaultSuite.Traffic;

namespace Streaming.FaultSuite.Faults;

/// <summary>
/// Runs one fault while its share of the traffic flows: traffic starts, 3 s later the fault, after its downtime the
/// repair; then a probe is posted and awaited at the gateway (time to recover, counted from the repair), the traffic
/// finishes, and the phase ends once every queue is empty and the stats have stopped moving. For a fault measured for
/// failover, probes are posted right after the kill and awaited before the repair.
/// </summary>
public sealed class PhaseRunner(SuiteSettings settings, Clients clients, Broker broker, HttpClient gateway, Action<Probe> sent)
{
    private static readonly TimeSpan RecoveryDeadline = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan DrainDeadline = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Probes posted after a kill, each a title, unit and channel of its own: their stream and subscriber keys land on
    /// different partitions (so on different queues and Redis masters), and flowing again means all of them show.
    /// With 16 partitions over 3 masters, 8 fixed names left one master out (the redis-master-kill phase's playback
    /// probes all sat on the two surviving masters); these 24 names reach every master on both paths in every phase
    /// (checked from the partition function and the slots of the partition tags).
    /// </summary>
    private const int FailoverProbes = 24;

    /// <summary>The probes a fault's phase posts (the suite puts their titles and channels in the catalog first).</summary>
    public static IEnumerable<string> ProbeNames(Fault fault) =>
        fault.Failover ? [fault.Name, .. Enumerable.Range(1, FailoverProbes).Select(k => $"{fault.Name}-failover-{k}")] : [fault.Name];

    public async Task<PhaseResult> RunAsync(Fault fault, int phase, IReadOnlyList<Batch> traffic)
    {
        Log($"{fault.Name}: {fault.What}; {traffic.Sum(b => b.EventIds.Count)} events in {traffic.Count} batches over {fault.Traffic.TotalSeconds:0} s");
        var before = await StatsReader.ReadAsync(settings) ?? throw new InvalidOperationException("Redis does not answer before the phase");
        var deadBefore = await DeadLetteredAsync();
        clients.Phase = phase;
        var sending = clients.SendAsync(traffic, fault.Traffic);
        await Task.Delay(TimeSpan.FromSeconds(3));

        var down = Stopwatch.StartNew();
        await fault.Inject();
        TimeSpan? failover = null;
        Task<TimeSpan?>? failing = null;
        if (fault.Failover)
        {
            var probes = ProbeNames(fault).Skip(1).Select(n => new Probe(n, DateTimeOffset.UtcNow)).ToList();
            failing = PostAndAwaitAsync(probes, down);
            if (!fault.FailoverThroughRepair)
            {
                failover = await failing;
                Log($"{fault.Name}: " + (failover is { } f ? $"traffic flowing again {f.TotalSeconds:0.0} s after the kill" : "probes not seen while the node was down"));
            }
        }
        if (fault.Down > down.Elapsed) await Task.Delay(fault.Down - down.Elapsed);
        await fault.Restore();
        var downtime = down.Elapsed;
        Log($"{fault.Name}: repaired after {downtime.TotalSeconds:0.0} s");
        if (fault.FailoverThroughRepair && failing is not null)
        {
            failover = await failing;
            Log($"{fault.Name}: " + (failover is { } f ? $"traffic flowing on every path {f.TotalSeconds:0.0} s after the kill" : "probes not seen after the repair"));
        }

        var recovered = await PostAndAwaitAsync([new Probe(fault.Name, DateTimeOffset.UtcNow)], Stopwatch.StartNew());
        Log($"{fault.Name}: " + (recovered is { } r ? $"probe seen at the gateway {r.TotalSeconds:0.0} s after the repair" : $"probe not seen within {RecoveryDeadline.TotalMinutes} min"));

        await sending;
        var drained = await DrainedAsync();
        var after = await StatsReader.ReadAsync(settings);
        var counted = after is { } a ? a.Total - before.Total : (long?)null;
        var deadAfter = await DeadLetteredAsync();
        var dead = deadAfter - deadBefore;
        var problem = !drained ? "queues did not drain" : fault.Failover && failover is null ? "no failover" : null;
        var result = new PhaseResult(fault.Name, downtime, recovered, clients.AcknowledgedIn(phase), counted, dead, problem, failover);
        Log($"{fault.Name}: {result.Acknowledged} events acknowledged, {result.Counted?.ToString() ?? "?"} counted, {dead?.ToString() ?? "?"} messages dead-lettered");
        return result;
    }

    /// <summary>Posts the probes (through ingest, as traffic) and answers the clock's reading once all show at the gateway.</summary>
    private async Task<TimeSpan?> PostAndAwaitAsync(IReadOnlyList<Probe> probes, Stopwatch clock)
    {
        foreach (var probe in probes) sent(probe);
        await Task.WhenAll(probes.SelectMany(p => new[] { clients.PostUntilAcceptedAsync(p.PlaybackBatch), clients.PostUntilAcceptedAsync(p.SubscriptionBatch) }));
        var deadline = Stopwatch.StartNew();
        var waiting = probes.ToList();
        while (deadline.Elapsed < RecoveryDeadline)
        {
            foreach (var probe in waiting.ToList())
            {
                if (await probe.VisibleAsync(gateway)) waiting.Remove(probe);
            }
            if (waiting.Count == 0) return clock.Elapsed;
            await Task.Delay(250);
        }
        return null;
    }

    private async Task<long?> DeadLetteredAsync() => await broker.QueuesAsync() is { } queues ? Broker.Faulted(queues).Sum(q => q.Messages) : null;

    /// <summary>Every queue of the node empty, and the applied stats unchanged, over three reads 2 s apart.</summary>
    private async Task<bool> DrainedAsync()
    {
        var clock = Stopwatch.StartNew();
        var quiet = 0;
        Applied? last = null;
        while (clock.Elapsed < DrainDeadline)
        {
            var queues = await broker.QueuesAsync();
            var stats = await StatsReader.ReadAsync(settings);
            var empty = queues is not null && queues.Where(q => !Broker.Faulted([q]).Any()).Sum(q => q.Messages) == 0;
            quiet = empty && stats is not null && stats == last ? quiet + 1 : 0;
            if (quiet >= 3) return true;
            last = stats;
            await Task.Delay(2000);
        }
        return false;
    }

    public static void Log(string line) => Console.WriteLine($"[faults {DateTimeOffset.UtcNow:HH:mm:ss}] {line}");
}
