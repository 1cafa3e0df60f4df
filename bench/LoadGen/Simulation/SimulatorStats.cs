namespace Streaming.Bench.LoadGen.Simulation;

/// <summary>Running totals of the simulation, updated by the sender and read by the status line.</summary>
public sealed class SimulatorStats
{
    private long _sent;
    private long _accepted;
    private long _rejected;
    private long _retries;
    private long _failed;

    public long Sent => Interlocked.Read(ref _sent);
    public long Accepted => Interlocked.Read(ref _accepted);
    public long Rejected => Interlocked.Read(ref _rejected);
    public long Retries => Interlocked.Read(ref _retries);
    public long Failed => Interlocked.Read(ref _failed);

    public void AddSent(int events) => Interlocked.Add(ref _sent, events);
    public void AddAnswer(int accepted, int rejected) { Interlocked.Add(ref _accepted, accepted); Interlocked.Add(ref _rejected, rejected); }
    public void AddRetry() => Interlocked.Increment(ref _retries);

    /// <summary>Events in a request that ingest refused as a whole (a status other than 202 or 503).</summary>
    public void AddFailed(int events) => Interlocked.Add(ref _failed, events);
}
