namespace Streaming.Contracts.Sessionization;

/// <summary>
/// The same content as <see cref="StreamActivityRecorded"/>, with the items packed into one binary field
/// (<see cref="StreamActivityPacking"/>): a batch yields about one item per event, and writing and reading them as
/// JSON objects was a large share of sessionization's and the engagement ranking's CPU. Sessionization publishes
/// this type; consumers accept both, so facts an older sessionization left in a queue still count.
/// </summary>
public sealed record PackedStreamActivityRecorded
{
    /// <summary>The same on every republication of one batch, so consumers drop repeats by it.</summary>
    public required Guid BatchId { get; init; }

    /// <summary>How many items <see cref="Items"/> holds (a check on decoding).</summary>
    public required int ItemCount { get; init; }

    /// <summary>The items, written by <see cref="StreamActivityPacking.Pack"/>.</summary>
    public required byte[] Items { get; init; }

    /// <summary>As <see cref="StreamActivityRecorded.Partition"/>.</summary>
    public int? Partition { get; init; }

    /// <summary>As <see cref="StreamActivityRecorded.CaughtUpTo"/>.</summary>
    public DateTimeOffset? CaughtUpTo { get; init; }
}
