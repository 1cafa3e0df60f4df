namespace Streaming.PartitionedState.Storage;

/// <summary>How a commit increments the fields of one counter hash.</summary>
/// <param name="Ephemeral">
/// Written to Redis and its replicas but not to its append-only file (<see cref="PartitionCommit"/>): for state that
/// rebuilds itself within seconds, such as the live view, whose loss on a Redis restart costs nothing reported.
/// </param>
public readonly record struct CounterMode(bool SendZeros, bool DeleteAtZero, long ExpireSeconds, bool Ephemeral = false)
{
    /// <summary>Increments only the fields that change; fields stay at zero.</summary>
    public static readonly CounterMode Sum = new(false, false, 0);

    /// <summary>Every field named, zero increments too: the field exists from the first commit on (stats, known names).</summary>
    public static readonly CounterMode Known = new(true, false, 0);

    /// <summary>A field back at zero is deleted: sparse hashes stay small.</summary>
    public static readonly CounterMode Sparse = new(false, true, 0);

    /// <summary>Fields that change; the hash expires <paramref name="after"/> its last change.</summary>
    public static CounterMode Expiring(TimeSpan after) => new(false, false, (long)after.TotalSeconds);
}
