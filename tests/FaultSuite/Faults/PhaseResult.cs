namespace Streaming.FaultSuite.Faults;

/// <summary>
/// One row of the table. Acknowledged: distinct events first answered 202 in the phase; counted: events the
/// services applied in it (the <c>applied</c> stats, which leave out repeats), read once the queues drained.
/// </summary>
public sealed record PhaseResult(string Fault, TimeSpan Downtime, TimeSpan? Recovered, long Acknowledged, long? Counted, string? Problem)
{
    public bool Ok => Problem is null && Recovered is not null && Counted == Acknowledged;
}
