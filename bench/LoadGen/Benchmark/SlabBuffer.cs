using System.Buffers;

namespace Streaming.Bench.LoadGen.Benchmark;

/// <summary>
/// Holds many request bodies back to back in a few large arrays rented from the shared pool (4 MB each), instead of
/// thousands of separate large-object-heap arrays; returns them when disposed.
/// </summary>
public sealed class SlabBuffer : IDisposable
{
    private const int SlabSize = 4 << 20;
    private readonly List<byte[]> _slabs = [];
    private int _used = SlabSize;

    public ReadOnlyMemory<byte> Append(ReadOnlySpan<byte> bytes)
    {
        if (SlabSize - _used < bytes.Length || _slabs.Count == 0)
        {
            _slabs.Add(ArrayPool<byte>.Shared.Rent(Math.Max(SlabSize, bytes.Length)));
            _used = 0;
        }
        var slab = _slabs[^1];
        bytes.CopyTo(slab.AsSpan(_used));
        var memory = new ReadOnlyMemory<byte>(slab, _used, bytes.Length);
        _used += bytes.Length;
        return memory;
    }

    public long Bytes => _slabs.Count == 0 ? 0 : (long)(_slabs.Count - 1) * SlabSize + _used;

    public void Dispose()
    {
        _slabs.ForEach(s => ArrayPool<byte>.Shared.Return(s));
        _slabs.Clear();
    }
}
