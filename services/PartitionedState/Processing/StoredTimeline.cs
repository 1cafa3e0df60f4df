namespace Streaming.PartitionedState.Processing;

/// <summary>
/// A timeline as this process last read or wrote it, which is what Redis holds while the process keeps the partition's
/// fence (<see cref="PartitionBatchLoop{TTimeline}"/>): no other writer changes it meanwhile, and only its expiry can
/// remove it.
/// </summary>
public sealed class StoredTimeline<TTimeline>(TTimeline timeline, bool stored)
{
    public TTimeline Timeline { get; } = timeline;

    /// <summary>Whether the key exists in Redis (read non-empty, or written since).</summary>
    public bool Stored { get; internal set; } = stored;

    /// <summary>
    /// When the key expires as far as this process knows: null for a key read from Redis and not written since (its
    /// remaining lifetime is not read), <see cref="DateTimeOffset.MaxValue"/> for a key that never expires.
    /// </summary>
    public DateTimeOffset? ExpiresAt { get; internal set; }

    internal long LastUsed { get; set; }

    /// <summary>
    /// Whether a commit should renew the expiry so that the key outlives <paramref name="now"/> by at least
    /// <paramref name="retention"/>: always when the expiry is unknown (a key just read).
    /// </summary>
    public bool NeedsTtlRenewal(DateTimeOffset now, TimeSpan retention) => ExpiresAt is not { } expires || expires - now < retention;

    /// <summary>
    /// Whether a commit must check that the key still exists: it was stored, and either its expiry is unknown or it
    /// may pass before the commit runs (within <paramref name="margin"/>).
    /// </summary>
    internal bool MayHaveExpired(DateTimeOffset now, TimeSpan margin) => Stored && (ExpiresAt is not { } expires || expires - now < margin);
}
