namespace Streaming.FaultSuite.Faults;

/// <summary>
/// One row of the table. Acknowledged: distinct events first answered 202 in the phase; counted: events the
/// services applied in it (the <c>applied</c> stats, which leave out repeats), read once the queues drained;
/// dead-lettered: messages that reached an <c>_error</c> or <c>_skipped</c> queue during the phase; failover (for a
/// fault measured for it): from the kill until traffic flowed again, before the repair.
/// </summary>
public sealed record PhaseResult(string Fault, TimeSpan Downtime, TimeSpan? Recovered, long Acknowledged, long? Counted, long? DeadLettered, string? Problem,
    TimeSpan? Failover = null)
{
    public bool Ok => Problem is null && Recovered is not null && Counted == Acknowledged && DeadLettered == 0;
}
