namespace Streaming.FaultSuite.Faults;

/// <summary>
/// One fault: what breaks (<see cref="Inject"/>), how long it stays broken before the repair (<see cref="Down"/>),
/// the repair (<see cref="Restore"/>), and how long the phase's traffic is spread over, so it flows throughout. A
/// fault the system should ride out without the repair (a node of a cluster, one replica of two) is measured for
/// <see cref="Failover"/>: from the kill until probes posted after it show at the gateway, the repair waiting for that,
/// unless <see cref="FailoverThroughRepair"/>: then the probes are awaited after the repair, the clock still running
/// from the kill (a Redis master's slots under Redis:WaitForReplicas, which commit again only once the promoted master
/// has a replica, i.e. once the killed node is back as one).
/// </summary>
public sealed record Fault(
    string Name, string What, TimeSpan Down, TimeSpan Traffic, Func<Task> Inject, Func<Task> Restore, bool Failover = false,
    bool FailoverThroughRepair = false);
