namespace Streaming.Gateway.Channels;

/// <summary>
/// A checked channel query: the local days [<see cref="From"/>, <see cref="To"/>] (both inclusive), its buckets, and
/// the period of the same number of days just before it, which the answer compares with.
/// </summary>
public sealed record ChannelPlan(
    string ChannelId, DateOnly From, DateOnly To, ChannelGranularity Granularity, IReadOnlyList<DateOnly> BucketStarts, bool Csv)
{
    public int Days => To.DayNumber - From.DayNumber + 1;

    public DateOnly PreviousFrom => From.AddDays(-Days);

    public DateOnly PreviousTo => From.AddDays(-1);

    /// <summary>The last day of bucket <paramref name="index"/> inside the range: the day before the next bucket, or <see cref="To"/>.</summary>
    public DateOnly BucketEnd(int index) => index + 1 < BucketStarts.Count ? BucketStarts[index + 1].AddDays(-1) : To;
}
