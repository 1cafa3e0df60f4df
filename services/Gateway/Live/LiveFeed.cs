using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Streaming.Gateway.Live;

/// <summary>
/// The messages of one <c>GET /v1/live</c> connection: the updates of its filter set's shared reader
/// (<see cref="LiveHub"/>), the latest one at once, then one per second, until the client goes away.
/// </summary>
public sealed class LiveFeed(LiveHub hub, GatewayTelemetry telemetry)
{
    public const string EventType = "live";
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public async IAsyncEnumerable<SseItem<LiveUpdate>> StreamAsync(LiveQuery query, [EnumeratorCancellation] CancellationToken aborted)
    {
        using var listener = hub.Listen(query);
        telemetry.LiveConnections.Add(1);
        try
        {
            while (await WaitQuietlyAsync(listener.Updates, aborted))
            {
                while (listener.Updates.TryRead(out var update))
                {
                    yield return new SseItem<LiveUpdate>(update, EventType);
                }
            }
        }
        finally
        {
            telemetry.LiveConnections.Add(-1);
        }
    }

    private static async Task<bool> WaitQuietlyAsync(ChannelReader<LiveUpdate> updates, CancellationToken aborted)
    {
        try
        {
            return await updates.WaitToReadAsync(aborted);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            return false; // the client went away: end the stream quietly
        }
    }
}
