using Microsoft.Extensions.Options;

namespace Streaming.Gateway.Live;

/// <summary>
/// At most <see cref="GatewayOptions.LiveStreamsPerKey"/> open <c>GET /v1/live</c> streams per credential
/// (<see cref="Streaming.ServiceDefaults.ClientCredential"/>): a slot is taken when a stream opens and given back when
/// its request ends, however it ends.
/// </summary>
public sealed class LiveStreamCap(IOptions<GatewayOptions> options, GatewayTelemetry telemetry)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _open = new(StringComparer.Ordinal);

    public int Max => options.Value.LiveStreamsPerKey;

    /// <summary>A slot for one more stream of <paramref name="credential"/>, or null when it has <see cref="Max"/> open.</summary>
    public IDisposable? TryOpen(string credential)
    {
        lock (_gate)
        {
            var open = _open.GetValueOrDefault(credential);
            if (open >= Max)
            {
                telemetry.LiveRefused.Add(1);
                return null;
            }
            _open[credential] = open + 1;
        }
        return new Slot(this, credential);
    }

    private void Close(string credential)
    {
        lock (_gate)
        {
            if (--_open[credential] == 0) _open.Remove(credential);
        }
    }

    private sealed class Slot(LiveStreamCap cap, string credential) : IDisposable
    {
        private int _closed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _closed, 1) == 0) cap.Close(credential);
        }
    }
}
