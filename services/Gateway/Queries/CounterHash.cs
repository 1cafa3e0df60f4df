namespace Streaming.Gateway.Queries;

/// <summary>
/// One day hash as read from Redis: the counters of one UTC day, of one title or (null) of all titles, in one
/// partition, parsed (<see cref="DayCells"/>).
/// </summary>
public sealed record CounterHash(DateOnly UtcDay, string? TitleId, DayCells Cells)
{
    /// <summary>From the hash's integer fields, <c>{quarter}|{offer}|{marketplace}|{m or s}</c>.</summary>
    public CounterHash(DateOnly utcDay, string? titleId, IReadOnlyList<KeyValuePair<string, long>> fields)
        : this(utcDay, titleId, DayCells.Parse(fields))
    {
    }
}
