using System.Diagnostics.Metrics;

namespace Streaming.TestSupport;

/// <summary>
/// The running total of one <c>long</c> instrument of a host's own meters (those made by its <see cref="IMeterFactory"/>,
/// so another host of the same test run never adds to it), from the moment this is made until it is disposed.
/// </summary>
public sealed class InstrumentTotal : IDisposable
{
    private readonly MeterListener _listener;
    private long _total;

    public InstrumentTotal(IMeterFactory factory, string instrumentName)
    {
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == instrumentName && instrument.Meter.Scope == factory) listener.EnableMeasurementEvents(instrument);
            },
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _total, value));
        _listener.Start();
    }

    /// <summary>The sum of every measurement so far.</summary>
    public long Value => Interlocked.Read(ref _total);

    public void Dispose() => _listener.Dispose();
}
