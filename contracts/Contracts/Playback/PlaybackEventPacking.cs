using Streaming.Contracts.Packing;

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

    /// <summary>The message for one partition's events, packed.</summary>
    public static PackedPlaybackEventsAccepted ToPacked(this PlaybackEventsAccepted batch) => new()
    {
        Partition = batch.Partition,
        AcceptedAt = batch.AcceptedAt,
        EventCount = batch.Events.Count,
        Events = Pack(batch.Events),
    };

    public static PlaybackEventsAccepted ToUnpacked(this PackedPlaybackEventsAccepted packed) => new()
    {
        Partition = packed.Partition,
        AcceptedAt = packed.AcceptedAt,
        Events = Unpack(packed.Events, packed.EventCount),
    };

    public static byte[] Pack(IReadOnlyList<PlaybackEvent> events)
    {
        var writer = new PackWriter(events.Count * 96 + 8);
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
        var reader = new PackReader(packed, "packed playback events");
        if (reader.Byte() != Format) throw new FormatException($"packed playback events: unknown format {packed[0]}");
        var count = (int)reader.VarInt();
        if (count != expectedCount) throw new FormatException($"packed playback events: {count} events, the message says {expectedCount}");
        var events = new List<PlaybackEvent>(count);
        for (var i = 0; i < count; i++)
        {
            var eventId = Required(reader.String(share: false), "eventId");
            var type = Required(reader.String(share: true), "type");
            var customerId = Required(reader.String(share: false), "customerId");
            var deviceId = Required(reader.String(share: false), "deviceId");
            var titleId = Required(reader.String(share: true), "titleId");
            var seasonId = reader.String(share: true);
            var marketplace = Required(reader.String(share: true), "marketplace");
            var offer = Required(reader.String(share: true), "offer");
            var channelId = reader.String(share: true);
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
}
