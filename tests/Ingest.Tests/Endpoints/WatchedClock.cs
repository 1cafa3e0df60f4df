namespace Streaming.Ingest.Tests.Endpoints;

/// <summary>A fake clock that keeps the due time of every timer made on it, so a test knows when a wait has begun.</summary>
public sealed class WatchedClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly List<TimeSpan> _timers = [];

    public IReadOnlyList<TimeSpan> Timers
    {
        get { lock (_timers) return [.. _timers]; }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (_timers) _timers.Add(dueTime);
        return base.CreateTimer(callback, state, dueTime, period);
    }
}
