namespace Streaming.PartitionedState.Processing;

/// <summary>A timeline as this process last read or wrote it: what Redis holds at <see cref="Version"/>.</summary>
public sealed class StoredTimeline<TTimeline>(TTimeline timeline, long version)
{
    public TTimeline Timeline { get; } = timeline;

    public long Version { get; internal set; } = version;

    /// <summary>When this process last renewed the key's expiry; unknown (null) for a key just read.</summary>
    public DateTimeOffset? TtlRenewedAt { get; internal set; }

    internal long LastUsed { get; set; }

    /// <summary>
    /// Whether a commit should renew the expiry: always unless this process renewed it within <paramref name="interval"/>
    /// (a key renewed to live retention + interval then always outlives its last change by the retention).
    /// </summary>
    public bool NeedsTtlRenewal(DateTimeOffset now, TimeSpan interval) => TtlRenewedAt is not { } renewed || now - renewed >= interval;
}
