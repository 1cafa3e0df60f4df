using System.Threading.Channels;
using Streaming.Gateway.Redis;
using Streaming.Tenancy;

namespace Streaming.Gateway.Live;

/// <summary>
/// The running <see cref="LiveTopic"/>s, one per distinct filter set (<see cref="LiveQuery.FilterKey"/>): the first
/// listener of a filter set starts its reader, the last one to leave stops it.
/// </summary>
public sealed class LiveHub(LiveReader reader, TenancyCache catalog, TimeProvider clock, GatewayTelemetry telemetry, ILogger<LiveHub> logger) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LiveTopic> _topics = new(StringComparer.Ordinal);

    public LiveListener Listen(LiveQuery query)
    {
        lock (_gate)
        {
            if (!_topics.TryGetValue(query.FilterKey, out var topic))
            {
                topic = new LiveTopic(query, reader, catalog, clock, telemetry, logger);
                _topics.Add(query.FilterKey, topic);
                topic.Start();
            }
            return new LiveListener(this, topic, topic.Add());
        }
    }

    internal void Leave(LiveTopic topic, Channel<LiveUpdate> listener)
    {
        lock (_gate)
        {
            if (topic.Remove(listener) == 0 && _topics.Remove(topic.Query.FilterKey))
            {
                topic.Dispose();
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var topic in _topics.Values) topic.Dispose();
            _topics.Clear();
        }
    }
}

/// <summary>One open stream's place in a <see cref="LiveTopic"/>: its updates, until disposed.</summary>
public sealed class LiveListener(LiveHub hub, LiveTopic topic, Channel<LiveUpdate> updates) : IDisposable
{
    private int _left;

    public ChannelReader<LiveUpdate> Updates => updates.Reader;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _left, 1) == 0) hub.Leave(topic, updates);
    }
}
