using System.Diagnostics;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using StackExchange.Redis;
using Streaming.Gateway.Redis;

namespace Streaming.Gateway.Live;

/// <summary>
/// The messages of one <c>GET /v1/live</c> connection: one at once, then one per tick of a one-second timer on the
/// injected clock, until the client goes away. Each is one Redis round trip. An update Redis fails to give is skipped
/// (and logged), so a short outage leaves a gap in the stream rather than closing it.
/// </summary>
public sealed class LiveFeed(LiveReader reader, TimeProvider clock, GatewayTelemetry telemetry, ILogger<LiveFeed> logger)
{
    public const string EventType = "live";
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public async IAsyncEnumerable<SseItem<LiveUpdate>> StreamAsync(LiveQuery query, [EnumeratorCancellation] CancellationToken aborted)
    {
        // Started before the first read, so a tick due while it runs is not lost.
        using var timer = new PeriodicTimer(Interval, clock);
        telemetry.LiveConnections.Add(1);
        try
        {
            do
            {
                if (await TryReadAsync(query, aborted) is { } update)
                {
                    yield return new SseItem<LiveUpdate>(update, EventType);
                }
            }
            while (await NextTickAsync(timer, aborted));
        }
        finally
        {
            telemetry.LiveConnections.Add(-1);
        }
    }

    private static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken aborted)
    {
        try
        {
            return await timer.WaitForNextTickAsync(aborted);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            return false; // the client went away: end the stream quietly
        }
    }

    private async Task<LiveUpdate?> TryReadAsync(LiveQuery query, CancellationToken aborted)
    {
        var started = Stopwatch.GetTimestamp();
        var instant = new LiveInstant(clock.GetUtcNow());
        try
        {
            var snapshot = await reader.ReadAsync(query, instant).WaitAsync(aborted);
            telemetry.QueryDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("gateway.query", "live"));
            return snapshot.ToUpdate(query, instant);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning(e, "Live update at {At} skipped: Redis did not answer", instant.AtText);
            return null;
        }
    }
}
