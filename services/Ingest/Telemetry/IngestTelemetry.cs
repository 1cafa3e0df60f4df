using System.Diagnostics;
using System.Diagnostics.Metrics;
using Streaming.ServiceDefaults;

namespace Streaming.Ingest.Telemetry;

/// <summary>The service's own meter and activity source, both named after the service ("ingest").</summary>
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
            "Events that failed validation; tag field is the first failing field.");
        _batchSize = Meter.CreateHistogram<int>("ingest.batch.size", "{event}",
            "Events per request body, valid or not.");
    }

    public Meter Meter { get; }

    public ActivitySource ActivitySource { get; }

    public void BatchReceived(int events) => _batchSize.Record(events);

    public void Accepted(int events) => _accepted.Add(events);

    public void Rejected(string firstFailingField) => _rejected.Add(1, new KeyValuePair<string, object?>("field", firstFailingField));

    public void Dispose() => ActivitySource.Dispose();
}
