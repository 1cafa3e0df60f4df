namespace Streaming.FaultSuite.Faults;

/// <summary>
/// One fault: what breaks (<see cref="Inject"/>), how long it stays broken before the repair (<see cref="Down"/>),
/// the repair (<see cref="Restore"/>), and how long the phase's traffic is spread over, so it flows throughout. A
/// fault the system should ride out without the repair (a node of a cluster, one replica of two) is measured for
/// <see cref="Failover"/>: from the kill until probes posted after it show at the gateway, the repair waiting for that.
/// </summary>
public sealed record Fault(string Name, string What, TimeSpan Down, TimeSpan Traffic, Func<Task> Inject, Func<Task> Restore, bool Failover = false);
