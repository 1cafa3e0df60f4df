namespace Streaming.Ingest.Tests.Publishing;

public sealed class PlaybackEventPackingTests
{
    private static readonly PlaybackEvent Full = new()
    {
        EventId = "ev-ü-1",
        Type = "heartbeat",
        OccurredAt = new DateTimeOffset(2026, 3, 29, 1, 59, 59, 123, TimeSpan.FromMinutes(345)).AddTicks(4567),
        CustomerId = "customer 名前",
        DeviceId = "tv-1",
        TitleId = "t-1",
        SeasonId = "s-1",
        Marketplace = "NP",
        Offer = "channel",
        ChannelId = "ch-1",
        PositionSeconds = 12.25,
    };

    private static readonly PlaybackEvent Bare = new()
    {
        EventId = "ev-2",
        Type = "play",
        OccurredAt = new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.FromHours(-3.5)),
        CustomerId = "c-2",
        DeviceId = "phone",
        TitleId = "t-1",
        Marketplace = "NP",
        Offer = "prime",
    };

    [Fact]
    public void Every_field_survives_a_round_trip_including_nulls_offsets_ticks_and_non_ascii_text()
    {
        var packed = PlaybackEventPacking.Pack([Full, Bare, Full with { EventId = "ev-3", PositionSeconds = 0 }]);

        var events = PlaybackEventPacking.Unpack(packed, 3);

        Assert.Equal([Full, Bare, Full with { EventId = "ev-3", PositionSeconds = 0 }], events);
        Assert.Equal(TimeSpan.FromMinutes(345), events[0].OccurredAt.Offset);
        Assert.Equal(Full.OccurredAt.UtcTicks, events[0].OccurredAt.UtcTicks);
    }

    [Fact]
    public void Repeated_titles_and_offers_are_written_once()
    {
        // Second event: only its eventId ("x"), customer ("c") and device ("d") are new text; type, title,
        // marketplace and offer are one-byte references, season and channel one-byte nulls.
        var first = Bare with { EventId = "a", CustomerId = "c", DeviceId = "d" };
        var one = PlaybackEventPacking.Pack([first]);
        var two = PlaybackEventPacking.Pack([first, first with { EventId = "x" }]);

        // 3 new strings of 1 byte (2 bytes each) + 6 one-byte tags + 8 ticks + 2 offset + 1 position flag = 23 bytes.
        Assert.Equal(23, two.Length - one.Length);
    }

    [Fact]
    public void An_empty_list_packs_to_its_header()
    {
        Assert.Equal([PlaybackEventPacking.Format, 0], PlaybackEventPacking.Pack([]));
        Assert.Empty(PlaybackEventPacking.Unpack([PlaybackEventPacking.Format, 0], 0));
    }

    [Fact]
    public void A_count_that_disagrees_with_the_message_is_refused()
    {
        var packed = PlaybackEventPacking.Pack([Bare]);
        Assert.Throws<FormatException>(() => PlaybackEventPacking.Unpack(packed, 2));
    }

    [Fact]
    public void Truncated_or_trailing_bytes_are_refused()
    {
        var packed = PlaybackEventPacking.Pack([Full]);
        Assert.Throws<FormatException>(() => PlaybackEventPacking.Unpack(packed.AsSpan(0, packed.Length - 1), 1));
        Assert.Throws<FormatException>(() => PlaybackEventPacking.Unpack([.. packed, 0], 1));
    }

    [Fact]
    public void An_unknown_format_or_a_reference_to_an_unwritten_string_is_refused()
    {
        var packed = PlaybackEventPacking.Pack([Bare]);
        Assert.Throws<FormatException>(() => PlaybackEventPacking.Unpack([2, .. packed.AsSpan(1)], 1));
        // Format, count 1, then an eventId tag 1: a reference, which the eventId never is.
        Assert.Throws<FormatException>(() => PlaybackEventPacking.Unpack([PlaybackEventPacking.Format, 1, 1], 1));
    }

    [Fact]
    public void The_bytes_of_the_format_are_fixed()
    {
        var at = new DateTimeOffset(0x0102030405060708, TimeSpan.Zero).ToOffset(TimeSpan.FromHours(1));
        var first = new PlaybackEvent
        {
            EventId = "e", Type = "play", OccurredAt = at, CustomerId = "c", DeviceId = "d", TitleId = "t", Marketplace = "US", Offer = "prime", PositionSeconds = 1.5,
        };

        byte[] expected =
        [
            1, 2,                                            // format 1, two events
            4, (byte)'e', 10, .. "play"u8, 4, (byte)'c', 4, (byte)'d', 4, (byte)'t', 0,  // tags 2n+2; season null
            6, .. "US"u8, 12, .. "prime"u8, 0,               // channel null
            8, 7, 6, 5, 4, 3, 2, 1, 60, 0,                   // UTC ticks, offset +60 min, little endian
            1, 0, 0, 0, 0, 0, 0, 0xF8, 0x3F,                 // position 1.5
            4, (byte)'f', 1, 4, (byte)'c', 4, (byte)'d', 3, 0, 5, 7, 0,  // shared strings by reference 2i+1
            8, 7, 6, 5, 4, 3, 2, 1, 60, 0, 0,                // no position
        ];
        Assert.Equal(expected, PlaybackEventPacking.Pack([first, first with { EventId = "f", PositionSeconds = null }]));
    }
}
