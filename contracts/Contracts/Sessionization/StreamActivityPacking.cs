using Streaming.Contracts.Packing;

namespace Streaming.Contracts.Sessionization;

/// <summary>
/// The binary form of derived-fact items inside <see cref="PackedStreamActivityRecorded"/>. Layout: a format byte
/// (1), the item count as a varint, then per item: customerId, titleId, seasonId, marketplace, offer as strings
/// (see <see cref="PackWriter"/>; all but the customer shared), hourStart as UTC ticks (int64) and offset minutes
/// (int16), streamsDelta (int32) and watchedMillisecondsDelta (int64), little endian.
/// </summary>
public static class StreamActivityPacking
{
    public const byte Format = 1;

    public static PackedStreamActivityRecorded ToPacked(this StreamActivityRecorded facts) => new()
    {
        BatchId = facts.BatchId,
        ItemCount = facts.Items.Count,
        Items = Pack(facts.Items),
        Partition = facts.Partition,
        CaughtUpTo = facts.CaughtUpTo,
    };

    public static StreamActivityRecorded ToUnpacked(this PackedStreamActivityRecorded packed) => new()
    {
        BatchId = packed.BatchId,
        Items = Unpack(packed.Items, packed.ItemCount),
        Partition = packed.Partition,
        CaughtUpTo = packed.CaughtUpTo,
    };

    public static byte[] Pack(IReadOnlyList<StreamActivity> items)
    {
        var writer = new PackWriter(items.Count * 64 + 8);
        writer.Header(Format, items.Count);
        foreach (var item in items)
        {
            writer.String(item.CustomerId, shared: false);
            writer.String(item.TitleId, shared: true);
            writer.String(item.SeasonId, shared: true);
            writer.String(item.Marketplace, shared: true);
            writer.String(item.Offer, shared: true);
            writer.Instant(item.HourStart);
            writer.Int32(item.StreamsDelta);
            writer.Int64(item.WatchedMillisecondsDelta);
        }
        return writer.ToArray();
    }

    /// <summary>The items of <paramref name="packed"/>; <see cref="FormatException"/> when it is not a valid list of <paramref name="expectedCount"/>.</summary>
    public static List<StreamActivity> Unpack(ReadOnlySpan<byte> packed, int expectedCount)
    {
        var reader = new PackReader(packed, "packed stream activity");
        reader.Header(Format, expectedCount);
        var items = new List<StreamActivity>(expectedCount);
        for (var i = 0; i < expectedCount; i++)
        {
            items.Add(new StreamActivity
            {
                CustomerId = reader.RequiredString(share: false, "customerId"),
                TitleId = reader.RequiredString(share: true, "titleId"),
                SeasonId = reader.String(share: true),
                Marketplace = reader.RequiredString(share: true, "marketplace"),
                Offer = reader.RequiredString(share: true, "offer"),
                HourStart = reader.Instant(),
                StreamsDelta = reader.Int32(),
                WatchedMillisecondsDelta = reader.Int64(),
            });
        }
        reader.End();
        return items;
    }
}
