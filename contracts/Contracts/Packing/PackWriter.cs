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

    public void Byte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }

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

    public void Int64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    public void Int32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    public void Int16(short value)
    {
        BinaryPrimitives.WriteInt16LittleEndian(_buffer.GetSpan(2), value);
        _buffer.Advance(2);
    }

    public void Double(double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
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
        Encoding.UTF8.GetBytes(value, _buffer.GetSpan(length));
        _buffer.Advance(length);
    }

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();
}
