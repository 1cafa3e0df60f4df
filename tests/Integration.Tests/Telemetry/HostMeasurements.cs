using System.Diagnostics.Metrics;

namespace Streaming.Integration.Tests.Telemetry;

/// <summary>
/// Every measurement of one host's own meters. Meters made by a host's <see cref="IMeterFactory"/> carry that factory
/// as their scope, so hosts of other tests running in this process (same meter names) are left out.
/// </summary>
public sealed class HostMeasurements : IDisposable
{
    private readonly MeterListener _listener;
    private readonly List<(string Instrument, double Value, Dictionary<string, object?> Tags)> _recorded = [];

    public HostMeasurements(IServiceProvider host)
    {
        var factory = host.GetRequiredService<IMeterFactory>();
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, factory)) listener.EnableMeasurementEvents(instrument);
            },
        };
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Record(i, value, tags));
        _listener.SetMeasurementEventCallback<int>((i, value, tags, _) => Record(i, value, tags));
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Record(i, value, tags));
        _listener.Start();
    }

    /// <summary>The sum of <paramref name="instrument"/>'s measurements carrying all of <paramref name="tags"/>.</summary>
    public double Sum(string instrument, params (string Key, object? Value)[] tags) => Matching(instrument, tags).Sum(m => m.Value);

    /// <summary>How many measurements <paramref name="instrument"/> took (a histogram's count).</summary>
    public int Count(string instrument, params (string Key, object? Value)[] tags) => Matching(instrument, tags).Count;

    public IReadOnlyList<double> Values(string instrument) => Matching(instrument, []).Select(m => m.Value).ToList();

    private List<(string Instrument, double Value, Dictionary<string, object?> Tags)> Matching(string instrument, (string Key, object? Value)[] tags)
    {
        lock (_recorded)
        {
            return _recorded.Where(m => m.Instrument == instrument &&
                tags.All(t => m.Tags.TryGetValue(t.Key, out var v) && Equals(v, t.Value))).ToList();
        }
    }

    private void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags) where T : struct
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags) copy[tag.Key] = tag.Value;
        lock (_recorded) _recorded.Add((instrument.Name, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), copy));
    }

    public void Dispose() => _listener.Dispose();
}
