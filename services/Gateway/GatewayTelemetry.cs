using System.Diagnostics;
using System.Diagnostics.Metrics;
using Streaming.ServiceDefaults;

namespace Streaming.Gateway;

/// <summary>The gateway's own traces and metrics, named after the service ("gateway") so ServiceDefaults exports them.</summary>
public sealed class GatewayTelemetry : IDisposable
{
    public GatewayTelemetry(IMeterFactory meters, IHostEnvironment environment)
    {
        var name = environment.ServiceName();
        ActivitySource = new ActivitySource(name);
        var meter = meters.Create(name);
        QueryDuration = meter.CreateHistogram<double>("gateway.query.duration", "s", "Time to answer a metrics query, Redis included.");
        KeysRead = meter.CreateCounter<long>("gateway.redis.keys_read", "{key}", "Redis hashes read to answer queries.");
    }

    public ActivitySource ActivitySource { get; }

    public Histogram<double> QueryDuration { get; }

    public Counter<long> KeysRead { get; }

    public void Dispose() => ActivitySource.Dispose();
}
