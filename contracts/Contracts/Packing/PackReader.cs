using System.Buffers.Binary;
using System.Text;

namespace Streaming.Contracts.Packing;

/// <summary>Reads what <see cref="PackWriter"/> wrote; anything malformed is a <see cref="FormatException"/> naming <c>what</c>.</summary>
public ref struct PackReader(ReadOnlySpan<byte> data, string what)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private readonly string _what = what;
    private readonly List<string> _shared = [];
    private int _at;

    /// <summary>Reads a list's format byte and item count; either one other than expected is malformed.</summary>
    public void Header(byte format, int expectedCount)
    {
        var found = Byte();
        if (found != format) throw new FormatException($"{_what}: unknown format {found}");
        var count = VarInt();
        if (count != expectedCount) throw new FormatException($"{_what}: {count} in the list, the message says {expectedCount}");
    }

    /// <summary>After the last item: anything left over is malformed.</summary>
    public readonly void End()
    {
        if (_at != _data.Length) throw new FormatException($"{_what}: bytes after the last item");
    }

    public byte Byte() => Take(1)[0];

    public uint VarInt()
    {
        uint value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var b = Byte();
            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
        throw new FormatException($"{_what}: varint longer than 5 bytes");
    }

    public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public short Int16() => BinaryPrimitives.ReadInt16LittleEndian(Take(2));

    public double Double() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    /// <summary>What <see cref="PackWriter.Instant"/> wrote.</summary>
    public DateTimeOffset Instant() => new DateTimeOffset(Int64(), TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(Int16()));

    /// <summary>A string that may not be null; <paramref name="field"/> names it in the error.</summary>
    public string RequiredString(bool share, string field) => String(share) ?? throw new FormatException($"{_what}: {field} is null");

    public string? String(bool share)
    {
        var tag = VarInt();
        if (tag == 0) return null;
        if ((tag & 1) == 1)
        {
            var index = (int)(tag >> 1);
            if (!share || index >= _shared.Count) throw new FormatException($"{_what}: string reference {index} out of range");
            return _shared[index];
        }
        var value = Encoding.UTF8.GetString(Take((int)((tag - 2) >> 1)));
        if (share) _shared.Add(value);
        return value;
    }

    private ReadOnlySpan<byte> Take(int length)
    {
        if (length < 0 || length > _data.Length - _at) throw new FormatException($"{_what}: truncated");
        var slice = _data.Slice(_at, length);
        _at += length;
        return slice;
    }
}
