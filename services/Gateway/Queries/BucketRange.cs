namespace Streaming.Gateway.Queries;

/// <summary>Exact integer sums of watched milliseconds and streams over consecutive buckets.</summary>
public sealed class BucketRange(int width)
{
    private readonly long[] _watchedMs = new long[width];
    private readonly long[] _streams = new long[width];

    public int Width => _watchedMs.Length;

    public ReadOnlySpan<long> WatchedMs => _watchedMs;

    public ReadOnlySpan<long> Streams => _streams;

    public long Bytes => 64 + 16L * _watchedMs.Length;

    public void Add(int bucket, bool watched, long value)
    {
        if (watched)
        {
            _watchedMs[bucket] += value;
        }
        else
        {
            _streams[bucket] += value;
        }
    }

    /// <summary>Adds <paramref name="other"/>'s buckets to these, its index 0 at <paramref name="at"/>.</summary>
    public void Add(BucketRange other, int at)
    {
        for (var i = 0; i < other._watchedMs.Length; i++)
        {
            _watchedMs[at + i] += other._watchedMs[i];
            _streams[at + i] += other._streams[i];
        }
    }
}
