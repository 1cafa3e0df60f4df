using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Streaming.Contracts.Playback;

/// <summary>
/// The binary form of a list of playback events inside <see cref="PackedPlaybackEventsAccepted"/>.
/// <para>Layout: a format byte (1), the event count as a 7-bit varint, then per event: eventId, type, customerId,
/// deviceId, titleId, seasonId, marketplace, offer, channelId as strings; occurredAt as UTC ticks (int64, little
/// endian) and its offset in minutes (int16); a byte 0/1 saying whether positionSeconds (a float64) follows.</para>
/// <para>A string is a varint tag: 0 is null; an even tag 2n+2 is n bytes of UTF-8 that follow; an odd tag 2i+1
/// repeats the i-th string written earlier in the same list. Only the fields that repeat across events (type,
/// title, season, marketplace, offer, channel) enter that table, so it stays small.</para>
/// </summary>
public static class PlaybackEventPacking
{
    public const byte Format = 1;

    public static byte[] Pack(IReadOnlyList<PlaybackEvent> events)
    {
        var writer = new Writer(events.Count * 96 + 8);
        writer.Byte(Format);
        writer.VarInt((uint)events.Count);
        foreach (var e in events)
        {
            writer.String(e.EventId, shared: false);
            writer.String(e.Type, shared: true);
            writer.String(e.CustomerId, shared: false);
            writer.String(e.DeviceId, shared: false);
            writer.String(e.TitleId, shared: true);
            writer.String(e.SeasonId, shared: true);
            writer.String(e.Marketplace, shared: true);
            writer.String(e.Offer, shared: true);
            writer.String(e.ChannelId, shared: true);
            writer.Int64(e.OccurredAt.UtcTicks);
            writer.Int16(checked((short)e.OccurredAt.TotalOffsetMinutes));
            if (e.PositionSeconds is { } position)
            {
                writer.Byte(1);
                writer.Double(position);
            }
            else
            {
                writer.Byte(0);
            }
        }
        return writer.ToArray();
    }

    /// <summary>The events of <paramref name="packed"/>; <see cref="FormatException"/> when it is not a valid list of <paramref name="expectedCount"/>.</summary>
    public static List<PlaybackEvent> Unpack(ReadOnlySpan<byte> packed, int expectedCount)
    {
        var reader = new Reader(packed);
        if (reader.Byte() != Format) throw new FormatException($"packed playback events: unknown format {packed[0]}");
        var count = (int)reader.VarInt();
        if (count != expectedCount) throw new FormatException($"packed playback events: {count} events, the message says {expectedCount}");
        var events = new List<PlaybackEvent>(count);
        var shared = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var eventId = Required(reader.String(shared, share: false), "eventId");
            var type = Required(reader.String(shared, share: true), "type");
            var customerId = Required(reader.String(shared, share: false), "customerId");
            var deviceId = Required(reader.String(shared, share: false), "deviceId");
            var titleId = Required(reader.String(shared, share: true), "titleId");
            var seasonId = reader.String(shared, share: true);
            var marketplace = Required(reader.String(shared, share: true), "marketplace");
            var offer = Required(reader.String(shared, share: true), "offer");
            var channelId = reader.String(shared, share: true);
            var ticks = reader.Int64();
            var offset = TimeSpan.FromMinutes(reader.Int16());
            double? position = reader.Byte() switch
            {
                0 => null,
                1 => reader.Double(),
                var flag => throw new FormatException($"packed playback events: position flag {flag}"),
            };
            events.Add(new PlaybackEvent
            {
                EventId = eventId,
                Type = type,
                OccurredAt = new DateTimeOffset(ticks, TimeSpan.Zero).ToOffset(offset),
                CustomerId = customerId,
                DeviceId = deviceId,
                TitleId = titleId,
                SeasonId = seasonId,
                Marketplace = marketplace,
                Offer = offer,
                ChannelId = channelId,
                PositionSeconds = position,
            });
        }
        if (!reader.AtEnd) throw new FormatException("packed playback events: bytes after the last event");
        return events;
    }

    private static string Required(string? value, string field) =>
        value ?? throw new FormatException($"packed playback events: {field} is null");

    private sealed class Writer(int capacity)
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

    private ref struct Reader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _at;

        public readonly bool AtEnd => _at == _data.Length;

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
            throw new FormatException("packed playback events: varint longer than 5 bytes");
        }

        public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

        public short Int16() => BinaryPrimitives.ReadInt16LittleEndian(Take(2));

        public double Double() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

        public string? String(List<string> shared, bool share)
        {
            var tag = VarInt();
            if (tag == 0) return null;
            if ((tag & 1) == 1)
            {
                var index = (int)(tag >> 1);
                if (!share || index >= shared.Count) throw new FormatException($"packed playback events: string reference {index} out of range");
                return shared[index];
            }
            var value = Encoding.UTF8.GetString(Take((int)((tag - 2) >> 1)));
            if (share) shared.Add(value);
            return value;
        }

        private ReadOnlySpan<byte> Take(int length)
        {
            if (length < 0 || length > _data.Length - _at) throw new FormatException("packed playback events: truncated");
            var slice = _data.Slice(_at, length);
            _at += length;
            return slice;
        }
    }
}
