namespace Streaming.EngagementRanking.Tests.Counting;

public sealed class StreamActivityPackingTests
{
    private static readonly StreamActivity Movie = new()
    {
        CustomerId = "customer ü",
        TitleId = "movie",
        Marketplace = "US",
        Offer = "prime",
        HourStart = new DateTimeOffset(2026, 10, 20, 10, 0, 0, TimeSpan.Zero),
        StreamsDelta = -1,
        WatchedMillisecondsDelta = -3_690_000,
    };

    private static readonly StreamActivity Episode = new()
    {
        CustomerId = "c3",
        TitleId = "e1",
        SeasonId = "s1",
        Marketplace = "US",
        Offer = "prime",
        HourStart = new DateTimeOffset(2026, 10, 20, 11, 0, 0, TimeSpan.Zero),
        StreamsDelta = 2,
        WatchedMillisecondsDelta = long.MaxValue,
    };

    [Fact]
    public void A_facts_message_survives_packing_with_negative_deltas_seasons_and_non_ascii_ids()
    {
        var facts = new StreamActivityRecorded { BatchId = Guid.Parse("0b7c3f0e-6a7e-4d8e-9c7d-2f7b9a1c0d11"), Items = [Movie, Episode, Movie with { CustomerId = "c9" }] };

        var packed = facts.ToPacked();
        var back = packed.ToUnpacked();

        Assert.Equal(3, packed.ItemCount);
        Assert.Equal(facts.BatchId, back.BatchId);
        Assert.Equal(facts.Items, back.Items);
    }

    [Fact]
    public void Repeated_titles_marketplaces_and_offers_cost_one_byte_each()
    {
        var one = StreamActivityPacking.Pack([Movie with { CustomerId = "a" }]);
        var two = StreamActivityPacking.Pack([Movie with { CustomerId = "a" }, Movie with { CustomerId = "b" }]);

        // customer "b" (2) + title, marketplace, offer references and a null season (4 × 1) + ticks 8 + offset 2
        // + streams 4 + watched 8 = 28 bytes.
        Assert.Equal(28, two.Length - one.Length);
    }

    [Fact]
    public void A_count_that_disagrees_or_a_truncated_list_is_refused()
    {
        var packed = StreamActivityPacking.Pack([Movie, Episode]);
        Assert.Throws<FormatException>(() => StreamActivityPacking.Unpack(packed, 1));
        Assert.Throws<FormatException>(() => StreamActivityPacking.Unpack(packed.AsSpan(0, packed.Length - 3), 2));
        Assert.Throws<FormatException>(() => StreamActivityPacking.Unpack([9, .. packed.AsSpan(1)], 2));
    }

    [Fact]
    public void The_bytes_of_the_format_are_fixed()
    {
        var item = new StreamActivity
        {
            CustomerId = "c", TitleId = "t", SeasonId = "s", Marketplace = "US", Offer = "prime",
            HourStart = new DateTimeOffset(0x0102030405060708, TimeSpan.Zero), StreamsDelta = -1, WatchedMillisecondsDelta = 0x0A0B,
        };

        byte[] expected =
        [
            1, 1,                                                             // format 1, one item
            4, (byte)'c', 4, (byte)'t', 4, (byte)'s', 6, .. "US"u8, 12, .. "prime"u8,  // tags 2n+2
            8, 7, 6, 5, 4, 3, 2, 1, 0, 0,                                     // UTC ticks, offset 0, little endian
            0xFF, 0xFF, 0xFF, 0xFF,                                           // streams −1
            0x0B, 0x0A, 0, 0, 0, 0, 0, 0,                                     // watched ms
        ];
        Assert.Equal(expected, StreamActivityPacking.Pack([item]));
    }
}
