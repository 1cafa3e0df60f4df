using System.Diagnostics;

namespace Streaming.Bench.LoadGen.Simulation;

/// <summary>
/// Event time for the simulation. At speed 1 it is the wall clock. Faster, it starts in the past and runs
/// <c>speed</c> times as fast, but never ahead of the wall clock (ingest refuses events more than 5 minutes in the
/// future): once it catches up it simply runs at speed 1.
/// </summary>
public sealed class VirtualClock
{
    private readonly DateTimeOffset _start;
    private readonly double _speed;
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();

    public VirtualClock(double speed, TimeSpan duration)
    {
        _speed = speed;
        // With a duration, start just far enough back to end at about now; forever, six hours back.
        var lead = speed <= 1 ? TimeSpan.Zero : duration > TimeSpan.Zero ? duration * (speed - 1) : TimeSpan.FromHours(6);
        _start = DateTimeOffset.UtcNow - (lead > TimeSpan.FromDays(7) ? TimeSpan.FromDays(7) : lead);
    }

    public DateTimeOffset Start => _start;

    public DateTimeOffset Now
    {
        get
        {
            var wall = DateTimeOffset.UtcNow;
            var virtualNow = _start + _elapsed.Elapsed * _speed;
            return virtualNow < wall ? virtualNow : wall;
        }
    }
}
