using System.Diagnostics;
using System.Threading.Channels;
using StackExchange.Redis;
using Streaming.Gateway.Redis;
using Streaming.ServiceDefaults;
using Streaming.Tenancy;

namespace Streaming.Gateway.Live;

/// <summary>
/// The one reader of a filter set: reads its live update at once, then once per tick of a one-second timer on the
/// injected clock, and hands each update to every listener of that filter set, so a thousand listeners cost Redis what
/// one costs. A listener that joins gets the latest update at once. An update Redis fails to give is skipped (and
/// logged once, not once per listener), so a short outage leaves a gap in the streams rather than closing them.
/// </summary>
public sealed class LiveTopic : IDisposable
{
    /// <summary>Updates a slow listener may fall behind by; older ones are dropped for it alone, nobody else waits.</summary>
    private const int Backlog = 4;

    private readonly LiveReader _reader;
    private readonly TenancyCache _catalog;
    private readonly TimeProvider _clock;
    private readonly GatewayTelemetry _telemetry;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly HashSet<Channel<LiveUpdate>> _listeners = [];
    private readonly CancellationTokenSource _stop = new();
    private LiveUpdate? _latest;

    public LiveTopic(LiveQuery query, LiveReader reader, TenancyCache catalog, TimeProvider clock, GatewayTelemetry telemetry, ILogger logger)
    {
        Query = query;
        (_reader, _catalog, _clock, _telemetry, _logger) = (reader, catalog, clock, telemetry, logger);
    }

    public LiveQuery Query { get; }

    public void Start() => _ = Task.Run(RunAsync);

    /// <summary>A new listener, given the latest update at once when there is one.</summary>
    public Channel<LiveUpdate> Add()
    {
        var listener = Channel.CreateBounded<LiveUpdate>(new BoundedChannelOptions(Backlog)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_gate)
        {
            _listeners.Add(listener);
            if (_latest is not null) listener.Writer.TryWrite(_latest);
        }
        return listener;
    }

    /// <summary>Removes a listener; the listeners left.</summary>
    public int Remove(Channel<LiveUpdate> listener)
    {
        lock (_gate)
        {
            if (_listeners.Remove(listener)) listener.Writer.TryComplete();
            return _listeners.Count;
        }
    }

    private async Task RunAsync()
    {
        // Started before the first read, so a tick due while it runs is not lost.
        using var timer = new PeriodicTimer(LiveFeed.Interval, _clock);
        _telemetry.LiveReaders.Add(1);
        try
        {
            do
            {
                if (await TryReadAsync() is { } update) Publish(update);
            }
            while (await NextTickAsync(timer));
        }
        finally
        {
            _telemetry.LiveReaders.Add(-1);
        }
    }

    private void Publish(LiveUpdate update)
    {
        lock (_gate)
        {
            _latest = update;
            foreach (var listener in _listeners) listener.Writer.TryWrite(update);
        }
    }

    private async Task<bool> NextTickAsync(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_stop.Token);
        }
        catch (OperationCanceledException)
        {
            return false; // the last listener left
        }
    }

    private async Task<LiveUpdate?> TryReadAsync()
    {
        var started = Stopwatch.GetTimestamp();
        var instant = new LiveInstant(_clock.GetUtcNow());
        try
        {
            _telemetry.LiveReads.Add(1);
            var snapshot = await _reader.ReadAsync(Query.Select(() => _catalog.Current), instant).WaitAsync(_stop.Token);
            _telemetry.QueryAnswered(started, new KeyValuePair<string, object?>("gateway.query", "live"));
            return snapshot.ToUpdate(Query, instant);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception e) when (e is RedisException or TimeoutException or TransientFaultException)
        {
            _logger.LogWarning(e, "Live update at {At} skipped: Redis did not answer", instant.AtText);
            return null;
        }
        catch (Exception e)
        {
            // The reader serves every listener of its filter set: it skips the update rather than end their streams.
            _logger.LogError(e, "Live update at {At} skipped", instant.AtText);
            return null;
        }
    }

    /// <summary>Stops the reader (at its next await); it reads no more. The token source stays undisposed: the loop may still ask it.</summary>
    public void Dispose() => _stop.Cancel();
}
