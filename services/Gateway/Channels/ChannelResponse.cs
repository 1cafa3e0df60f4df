namespace Streaming.Gateway.Channels;

/// <summary>
/// The answer of <c>GET /v1/metrics/channels/{channelId}</c>. Dates are subscriber-local days; <c>previousPeriod</c>
/// covers the same number of days just before <c>from</c>.
/// </summary>
public sealed record ChannelResponse(
    string ChannelId,
    DateOnly From,
    DateOnly To,
    string Granularity,
    ChannelTotals Totals,
    IReadOnlyList<ChannelPoint> Series,
    ChannelActive Current,
    ChannelTotals PreviousPeriod);

/// <summary>
/// Counts over a period. <c>cancellations</c> = trial + paid cancellations. <c>conversionRate</c> =
/// paid conversions ÷ (paid conversions + trial cancellations), 4 decimals half away from zero, null when that is 0 ÷ 0.
/// </summary>
public sealed record ChannelTotals(
    long TrialStarts, long PaidConversions, long Cancellations, long TrialCancellations, long PaidCancellations, decimal? ConversionRate);

/// <summary>One bucket: its counts, and the customers in trial and paying at the end of its last day.</summary>
public sealed record ChannelPoint(DateOnly Start, long TrialStarts, long PaidConversions, long Cancellations, long ActiveTrial, long ActivePaid);

public sealed record ChannelActive(long ActiveTrial, long ActivePaid);

/// <summary>The answer of <c>GET /v1/metrics/channels</c>.</summary>
public sealed record ChannelsResponse(IReadOnlyList<ChannelSummary> Channels);

public sealed record ChannelSummary(string ChannelId, long ActiveTrial, long ActivePaid);
