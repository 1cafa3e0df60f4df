namespace Streaming.Contracts.Sessionization;

/// <summary>
/// Derived facts from sessionization: how one applied batch changed streams and watched time per customer, title
/// and UTC hour. Values are deltas and can be negative: a late event that reorders a stream moves time or a stream
/// opening between hours. Summing every delta ever published gives the current figures. <see cref="BatchId"/> is
/// the same on every republication of one batch, so consumers drop repeats by it.
/// </summary>
public sealed record StreamActivityRecorded
{
    public required Guid BatchId { get; init; }
    public required IReadOnlyList<StreamActivity> Items { get; init; }

    /// <summary>The playback partition whose batch the facts come from; null from a sessionization older than this field.</summary>
    public int? Partition { get; init; }

    /// <summary>
    /// Set when the batch held progress probes (<see cref="Playback.ProgressProbe"/>): the newest probe's time. Every
    /// message queued on <see cref="Partition"/> before that probe has been applied, and its facts were published
    /// before this message or are in it. The message may have no items then.
    /// </summary>
    public DateTimeOffset? CaughtUpTo { get; init; }
}

public sealed record StreamActivity
{
    public required string CustomerId { get; init; }
    public required string TitleId { get; init; }
    public string? SeasonId { get; init; }
    public required string Marketplace { get; init; }
    public required string Offer { get; init; }

    /// <summary>Start of the UTC hour the change is attributed to.</summary>
    public required DateTimeOffset HourStart { get; init; }

    public required int StreamsDelta { get; init; }
    public required long WatchedMillisecondsDelta { get; init; }
}
