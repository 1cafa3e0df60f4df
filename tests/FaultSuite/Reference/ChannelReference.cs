using Streaming.FaultSuite.Traffic;

namespace Streaming.FaultSuite.Reference;

/// <summary>The counts of one channel on one subscriber-local day.</summary>
public sealed class ChannelDay
{
    public long TrialStarts, PaidConversions, PaidStarts, TrialCancellations, PaidCancellations, TrialChange, PaidChange;
}

/// <summary>
/// Channel metrics for the subscription events sent, from docs/metrics.md ("Channel metrics") alone: each
/// (customer, channel) replayed in instant order (same instant: trial, paid, cancelled, then eventId), the state
/// machine's table, counts on the subscriber's local date. Each subscriber keeps one offset, so its days never run
/// backwards and the travel rule does not arise.
/// </summary>
public sealed class ChannelReference
{
    public Dictionary<string, SortedDictionary<DateOnly, ChannelDay>> Channels { get; } = [];

    public ChannelReference(IEnumerable<SubscriptionEvent> sent)
    {
        foreach (var subscriber in sent.DistinctBy(e => e.EventId).GroupBy(e => (e.CustomerId, e.ChannelId)))
        {
            var state = "none";
            foreach (var e in subscriber.OrderBy(e => e.OccurredAt.UtcDateTime).ThenBy(e => TypeOrder(e.Type)).ThenBy(e => e.EventId, StringComparer.Ordinal))
            {
                var day = Day(e.ChannelId, DateOnly.FromDateTime(e.OccurredAt.DateTime));
                switch (state, e.Type)
                {
                    case ("none", "trial_started"): day.TrialStarts++; day.TrialChange++; state = "trial"; break;
                    case ("none", "paid_started"): day.PaidStarts++; day.PaidChange++; state = "paid"; break;
                    case ("trial", "paid_started"): day.PaidConversions++; day.TrialChange--; day.PaidChange++; state = "paid"; break;
                    case ("trial", "cancelled"): day.TrialCancellations++; day.TrialChange--; state = "none"; break;
                    case ("paid", "cancelled"): day.PaidCancellations++; day.PaidChange--; state = "none"; break;
                    default: break; // rejected: changes no metric and leaves the state
                }
            }
        }
    }

    private static int TypeOrder(string type) => type switch
    {
        "trial_started" => 0, "paid_started" => 1, "cancelled" => 2,
        _ => throw new ArgumentException($"unknown type {type}"),
    };

    private ChannelDay Day(string channelId, DateOnly date)
    {
        if (!Channels.TryGetValue(channelId, out var days))
        {
            Channels[channelId] = days = [];
        }
        if (!days.TryGetValue(date, out var day))
        {
            days[date] = day = new ChannelDay();
        }
        return day;
    }

    /// <summary>paid conversions ÷ (paid conversions + trial cancellations), 4 decimals half away from zero; null for 0 ÷ 0.</summary>
    public static decimal? ConversionRate(long conversions, long trialCancellations) =>
        conversions + trialCancellations == 0 ? null
            : Math.Round((decimal)conversions / (conversions + trialCancellations), 4, MidpointRounding.AwayFromZero);
}
