namespace Streaming.FaultSuite.Faults;

/// <summary>
/// One fault: what breaks (<see cref="Inject"/>), how long it stays broken before the repair (<see cref="Down"/>),
/// the repair (<see cref="Restore"/>), and how long the phase's traffic is spread over, so it flows throughout.
/// </summary>
public sealed record Fault(string Name, string What, TimeSpan Down, TimeSpan Traffic, Func<Task> Inject, Func<Task> Restore);
