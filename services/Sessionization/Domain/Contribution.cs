namespace Streaming.Sessionization.Domain;

/// <summary>Where a piece of watched time or a stream opening is counted: a UTC quarter hour and the stream's attribution.</summary>
public readonly record struct BucketKey(long QuarterStartMs, string Marketplace, string Offer, string? SeasonId);

/// <summary>Watched milliseconds and streams opened in one bucket (or the change of them).</summary>
public record struct BucketValue(long WatchedMs, int Streams)
{
    public readonly bool IsZero => WatchedMs == 0 && Streams == 0;
}

/// <summary>A sparse map bucket → value that can add and subtract contributions.</summary>
public sealed class Contribution
{
    public const long QuarterMs = 15 * 60_000;

    private readonly Dictionary<BucketKey, BucketValue> _values = [];

    public IReadOnlyDictionary<BucketKey, BucketValue> Values => _values;

    public void AddWatched(long atMs, StreamAttribution stream, long watchedMs, int sign = 1) =>
        Add(Key(atMs, stream), new BucketValue(sign * watchedMs, 0));

    public void AddStream(StreamAttribution stream, int sign = 1) =>
        Add(Key(stream.OpenedAtMs, stream), new BucketValue(0, sign));

    public void Add(BucketKey key, BucketValue value)
    {
        var sum = _values.GetValueOrDefault(key);
        sum = new BucketValue(sum.WatchedMs + value.WatchedMs, sum.Streams + value.Streams);
        if (sum.IsZero) _values.Remove(key);
        else _values[key] = sum;
    }

    public void AddAll(Contribution other)
    {
        foreach (var (key, value) in other._values) Add(key, value);
    }

    public long TotalWatchedMs => _values.Values.Sum(v => v.WatchedMs);

    public int TotalStreams => _values.Values.Sum(v => v.Streams);

    private static BucketKey Key(long atMs, StreamAttribution stream) =>
        new(Math.DivRem(atMs, QuarterMs, out var rem) * QuarterMs - (rem < 0 ? QuarterMs : 0), stream.Marketplace, stream.Offer, stream.SeasonId);
}
