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
