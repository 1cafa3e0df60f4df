using System.Diagnostics;
using System.Diagnostics.Metrics;
using Streaming.ServiceDefaults;

namespace Streaming.Ingest.Telemetry;

/// <summary>
/// The service's own meter and activity source, both named after the service ("ingest"). Every event counter carries
/// <c>kind</c> (playback, subscription); rejections carry <c>reason</c> (<see cref="RejectionReasons"/>) and, for
/// invalid events, <c>field</c>, the first failing field.
/// </summary>
public sealed class IngestTelemetry : IDisposable
{
    private readonly Counter<long> _accepted;
    private readonly Counter<long> _rejected;
    private readonly Histogram<int> _batchSize;

    public IngestTelemetry(IMeterFactory meters, IHostEnvironment environment)
    {
        var name = environment.ServiceName();
        Meter = meters.Create(name);
        ActivitySource = new ActivitySource(name);
        _accepted = Meter.CreateCounter<long>("ingest.events.accepted", "{event}",
            "Events the broker confirmed and the client was told were accepted.");
        _rejected = Meter.CreateCounter<long>("ingest.events.rejected", "{event}",
            "Events not accepted; tag reason: invalid (tag field, the first failing field) or broker_unavailable (answered 503).");
        _batchSize = Meter.CreateHistogram<int>("ingest.batch.size", "{event}",
            "Events per request body, valid or not.");
    }

    public Meter Meter { get; }

    public ActivitySource ActivitySource { get; }

    public void BatchReceived(string kind, int events) => _batchSize.Record(events, Kind(kind));

    public void Accepted(string kind, int events) => _accepted.Add(events, Kind(kind));

    public void Rejected(string kind, string firstFailingField) =>
        _rejected.Add(1, Kind(kind), new("reason", RejectionReasons.Invalid), new("field", firstFailingField));

    /// <summary>Valid events the broker did not confirm in time: the client got 503 and resends them.</summary>
    public void Unconfirmed(string kind, int events) =>
        _rejected.Add(events, Kind(kind), new("reason", RejectionReasons.BrokerUnavailable));

    private static KeyValuePair<string, object?> Kind(string kind) => new("kind", kind);

    public void Dispose() => ActivitySource.Dispose();
}
