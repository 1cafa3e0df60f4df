namespace Streaming.Gateway.Queries;

/// <summary>
/// One day hash as read from Redis: the counters of one UTC day, of one title or (null) of all titles, in one
/// partition. Fields are <c>{quarter}|{offer}|{marketplace}|{m or s}</c> with integer values.
/// </summary>
public sealed record CounterHash(DateOnly UtcDay, string? TitleId, IReadOnlyList<KeyValuePair<string, long>> Fields);
