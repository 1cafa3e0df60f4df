namespace Streaming.Gateway.Live;

/// <summary>
/// One message of <c>GET /v1/live</c> (docs/metrics.md, Live). <c>at</c> is the instant every field is taken
/// at: the gateway's clock in whole seconds, ISO 8601 in UTC (<c>2026-11-27T05:00:01Z</c>).
/// </summary>
public sealed record LiveUpdate(
    string At,
    IReadOnlyList<string> TitleIds,
    string? ChannelId,
    long EventsPerSecond,
    long PlayingNow,
    LiveToday Today);

/// <summary>The current UTC day so far: its performance counters and the channel counts of its UTC date.</summary>
public sealed record LiveToday(DateOnly Date, decimal MinutesStreamed, long UniqueStreams, long TrialStarts, long PaidConversions);
