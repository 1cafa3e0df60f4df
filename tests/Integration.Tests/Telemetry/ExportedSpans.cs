using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry.Trace;
using Streaming.ServiceDefaults;

namespace Streaming.Integration.Tests.Telemetry;

/// <summary>
/// What each host's tracer provider exports, by service name: an in-memory exporter added to every host built with
/// <see cref="AddTo"/>. All hosts share this process, and activity listeners are process-wide, so a provider also
/// exports other hosts' spans of the sources it listens to; tests pick their spans by a trace id of their own.
/// </summary>
public sealed class ExportedSpans
{
    private readonly ConcurrentDictionary<string, SpanList> _byService = new();

    public void AddTo(IWebHostBuilder builder) => builder.UseSetting(ServiceDefaults.Telemetry.RecordTracesKey, "true").ConfigureServices((context, services) =>
    {
        var spans = _byService.GetOrAdd(context.HostingEnvironment.ServiceName(), _ => new SpanList());
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
    });

    /// <summary>The spans of <paramref name="trace"/> that <paramref name="service"/>'s provider exported so far.</summary>
    public IReadOnlyList<Activity> Of(string service, ActivityTraceId trace) =>
        _byService.TryGetValue(service, out var spans) ? spans.Snapshot().Where(s => s.TraceId == trace).ToList() : [];

    /// <summary>The exporter appends from the thread that ends a span while a test reads: a list behind a lock.</summary>
    private sealed class SpanList : ICollection<Activity>
    {
        private readonly List<Activity> _items = [];

        public int Count { get { lock (_items) return _items.Count; } }
        public bool IsReadOnly => false;
        public void Add(Activity item) { lock (_items) _items.Add(item); }
        public void Clear() { lock (_items) _items.Clear(); }
        public bool Contains(Activity item) { lock (_items) return _items.Contains(item); }
        public void CopyTo(Activity[] array, int arrayIndex) { lock (_items) _items.CopyTo(array, arrayIndex); }
        public bool Remove(Activity item) { lock (_items) return _items.Remove(item); }
        public List<Activity> Snapshot() { lock (_items) return [.. _items]; }
        public IEnumerator<Activity> GetEnumerator() => Snapshot().GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
