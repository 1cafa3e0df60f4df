using System.Diagnostics;
using Streaming.FaultSuite.Checks;
using Streaming.FaultSuite.Harness;
using Streaming.FaultSuite.Traffic;

namespace Streaming.FaultSuite.Faults;

/// <summary>
/// Runs one fault while its share of the traffic flows: traffic starts, 3 s later the fault, after its downtime the
/// repair; then a probe is posted and awaited at the gateway (time to recover, counted from the repair), the traffic
/// finishes, and the phase ends once every queue is empty and the stats have stopped moving.
/// </summary>
public sealed class PhaseRunner(SuiteSettings settings, Clients clients, Broker broker, HttpClient gateway, Action<Probe> sent)
{
    private static readonly TimeSpan RecoveryDeadline = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan DrainDeadline = TimeSpan.FromMinutes(3);

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
        await Task.Delay(fault.Down);
        await fault.Restore();
        var downtime = down.Elapsed;
        Log($"{fault.Name}: repaired after {downtime.TotalSeconds:0.0} s");

        var recovering = Stopwatch.StartNew();
        var probe = new Probe(fault.Name, DateTimeOffset.UtcNow);
        sent(probe);
        await Task.WhenAll(clients.PostUntilAcceptedAsync(probe.PlaybackBatch), clients.PostUntilAcceptedAsync(probe.SubscriptionBatch));
        TimeSpan? recovered = null;
        while (recovering.Elapsed < RecoveryDeadline)
        {
            if (await probe.VisibleAsync(gateway))
            {
                recovered = recovering.Elapsed;
                break;
            }
            await Task.Delay(250);
        }
        Log($"{fault.Name}: " + (recovered is { } r ? $"probe seen at the gateway {r.TotalSeconds:0.0} s after the repair" : $"probe not seen within {RecoveryDeadline.TotalMinutes} min"));

        await sending;
        var drained = await DrainedAsync();
        var after = await StatsReader.ReadAsync(settings);
        var counted = after is { } a ? a.Total - before.Total : (long?)null;
        var deadAfter = await DeadLetteredAsync();
        var dead = deadAfter - deadBefore;
        var problem = drained ? null : "queues did not drain";
        var result = new PhaseResult(fault.Name, downtime, recovered, clients.AcknowledgedIn(phase), counted, dead, problem);
        Log($"{fault.Name}: {result.Acknowledged} events acknowledged, {result.Counted?.ToString() ?? "?"} counted, {dead?.ToString() ?? "?"} messages dead-lettered");
        return result;
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
