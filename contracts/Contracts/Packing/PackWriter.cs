using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Streaming.Contracts.Packing;

/// <summary>
/// Writes the binary lists carried inside packed messages: little-endian numbers, 7-bit varints, and strings as a
/// varint tag (0 null, 2n+2 then n UTF-8 bytes, 2i+1 the i-th shared string written before). Only strings written
/// with <c>shared: true</c> enter the table, so fields that repeat across items cost one byte after the first.
/// </summary>
public sealed class PackWriter(int capacity)
{
    private readonly ArrayBufferWriter<byte> _buffer = new(capacity);
    private readonly Dictionary<string, int> _shared = new(StringComparer.Ordinal);

    /// <summary>Starts a list: its format byte and its item count.</summary>
    public void Header(byte format, int count)
    {
        Byte(format);
        VarInt((uint)count);
    }

    public void Byte(byte value) => Next(1)[0] = value;

    public void VarInt(uint value)
    {
        var span = _buffer.GetSpan(5);
        var n = 0;
        while (value >= 0x80)
        {
            span[n++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[n++] = (byte)value;
        _buffer.Advance(n);
    }

    public void Int64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Next(8), value);

    public void Int32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Next(4), value);

    public void Int16(short value) => BinaryPrimitives.WriteInt16LittleEndian(Next(2), value);

    public void Double(double value) => BinaryPrimitives.WriteDoubleLittleEndian(Next(8), value);

    /// <summary>An instant: UTC ticks (int64), then its offset in whole minutes (int16).</summary>
    public void Instant(DateTimeOffset value)
    {
        Int64(value.UtcTicks);
        Int16(checked((short)value.TotalOffsetMinutes));
    }

    public void String(string? value, bool shared)
    {
        if (value is null)
        {
            VarInt(0);
            return;
        }
        if (shared)
        {
            if (_shared.TryGetValue(value, out var index))
            {
                VarInt(checked((uint)index * 2 + 1));
                return;
            }
            _shared[value] = _shared.Count;
        }
        var length = Encoding.UTF8.GetByteCount(value);
        VarInt(checked((uint)length * 2 + 2));
        Encoding.UTF8.GetBytes(value, Next(length));
    }

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    /// <summary>The next <paramref name="length"/> bytes, counted as written: the caller fills them.</summary>
    private Span<byte> Next(int length)
    {
        var span = _buffer.GetSpan(length)[..length];
        _buffer.Advance(length);
        return span;
    }
}
