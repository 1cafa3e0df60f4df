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
        writer.Header(Format, events.Count);
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
            writer.Instant(e.OccurredAt);
            writer.Byte(e.PositionSeconds is null ? (byte)0 : (byte)1);
            if (e.PositionSeconds is { } position) writer.Double(position);
        }
        return writer.ToArray();
    }

    /// <summary>The events of <paramref name="packed"/>; <see cref="FormatException"/> when it is not a valid list of <paramref name="expectedCount"/>.</summary>
    public static List<PlaybackEvent> Unpack(ReadOnlySpan<byte> packed, int expectedCount)
    {
        var reader = new PackReader(packed, "packed playback events");
        reader.Header(Format, expectedCount);
        var events = new List<PlaybackEvent>(expectedCount);
        for (var i = 0; i < expectedCount; i++)
        {
            events.Add(new PlaybackEvent
            {
                EventId = reader.RequiredString(share: false, "eventId"),
                Type = reader.RequiredString(share: true, "type"),
                CustomerId = reader.RequiredString(share: false, "customerId"),
                DeviceId = reader.RequiredString(share: false, "deviceId"),
                TitleId = reader.RequiredString(share: true, "titleId"),
                SeasonId = reader.String(share: true),
                Marketplace = reader.RequiredString(share: true, "marketplace"),
                Offer = reader.RequiredString(share: true, "offer"),
                ChannelId = reader.String(share: true),
                OccurredAt = reader.Instant(),
                PositionSeconds = reader.Byte() switch
                {
                    0 => null,
                    1 => reader.Double(),
                    var flag => throw new FormatException($"packed playback events: position flag {flag}"),
                },
            });
        }
        reader.End();
        return events;
    }
}
