using System.Diagnostics;
using StackExchange.Redis;

namespace Streaming.Bench.LoadGen.Benchmark;

/// <summary>
/// Polls a growing counter every <c>interval</c> on the phase's stopwatch and remembers each reading, so the time
/// it first reached a level can be looked up once that level is known (after the last send was answered).
/// </summary>
public sealed class CounterWatch : IAsyncDisposable
{
    private readonly Func<Task<long>> _read;
    private readonly Stopwatch _clock;
    private readonly TimeSpan _interval;
    private readonly List<(TimeSpan At, long Value)> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _polling;
    private readonly Lock _lock = new();
    private long _latest;
    private TimeSpan _lastChange;

    public CounterWatch(Func<Task<long>> read, Stopwatch clock, TimeSpan interval)
    {
        (_read, _clock, _interval) = (read, clock, interval);
        _polling = Task.Run(PollAsync);
    }

    public long Latest { get { lock (_lock) { return _latest; } } }

    /// <summary>
    /// The time of the first reading ≥ <paramref name="target"/>; null if the counter stopped growing for
    /// <paramref name="stallTimeout"/> before reaching it.
    /// </summary>
    public async Task<TimeSpan?> WaitUntilAsync(long target, TimeSpan stallTimeout, CancellationToken cancellationToken)
    {
        while (true)
        {
            lock (_lock)
            {
                if (_latest >= target)
                {
                    return _samples.First(s => s.Value >= target).At;
                }
                if (_clock.Elapsed - _lastChange > stallTimeout)
                {
                    return null;
                }
            }
            await Task.Delay(_interval, cancellationToken);
        }
    }

    private async Task PollAsync()
    {
        using var timer = new PeriodicTimer(_interval);
        try
        {
            do
            {
                long value;
                try
                {
                    value = await _read();
                }
                catch (RedisException)
                {
                    continue; // a missed poll only coarsens the measurement
                }
                var at = _clock.Elapsed;
                lock (_lock)
                {
                    if (value != _latest || _samples.Count == 0)
                    {
                        _lastChange = at;
                        _samples.Add((at, value));
                    }
                    _latest = value;
                }
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _polling;
        _stop.Dispose();
    }
}
