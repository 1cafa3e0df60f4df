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
        QueryDuration = meter.CreateHistogram("gateway.query.duration", "s", "Time to answer a metrics query, Redis included.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        KeysRead = meter.CreateCounter<long>("gateway.redis.keys_read", "{key}", "Redis hashes read to answer queries.");
        KeysKept = meter.CreateCounter<long>("gateway.redis.keys_kept", "{key}",
            "Redis hashes a query did not read because the gateway kept them at the version their day still has.");
        DaysKept = meter.CreateCounter<long>("gateway.query.days_kept", "{day}",
            "UTC days a query did not sum from counter hashes because the gateway kept their sums for it at the versions the day still has.");
        EngagementRanked = meter.CreateCounter<long>("gateway.engagement.ranked", "{answer}",
            "Engagement answers by whether the territory-month was ranked anew (gateway.cached false) or its ranking was reused because its counters had not changed (true).");
        LiveConnections = meter.CreateUpDownCounter<long>("gateway.live.connections", "{connection}", "Open GET /v1/live streams.");
        LiveReaders = meter.CreateUpDownCounter<long>("gateway.live.readers", "{reader}",
            "Shared live readers running: one per distinct filter set with at least one open stream.");
        LiveReads = meter.CreateCounter<long>("gateway.live.reads", "{read}", "Live updates read from Redis (one pipelined batch each).");
        LiveRefused = meter.CreateCounter<long>("gateway.live.refused", "{stream}", "GET /v1/live refused because the key has its most open streams.");
    }

    public ActivitySource ActivitySource { get; }

    public Histogram<double> QueryDuration { get; }

    public Counter<long> KeysRead { get; }

    public Counter<long> KeysKept { get; }

    public Counter<long> DaysKept { get; }

    public Counter<long> EngagementRanked { get; }

    public UpDownCounter<long> LiveConnections { get; }

    public UpDownCounter<long> LiveReaders { get; }

    public Counter<long> LiveReads { get; }

    public Counter<long> LiveRefused { get; }

    /// <summary>Records on <see cref="QueryDuration"/> the time since <paramref name="started"/>, a Stopwatch timestamp.</summary>
    public void QueryAnswered(long started, params ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        QueryDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);

    public void Dispose() => ActivitySource.Dispose();
}
