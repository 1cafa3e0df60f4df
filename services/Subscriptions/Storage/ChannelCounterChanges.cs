using Streaming.PartitionedState.Storage;
using Streaming.Subscriptions.Domain;
using Layout = Streaming.PartitionedState.Layouts.ChannelCounterLayout;

namespace Streaming.Subscriptions.Storage;

/// <summary>
/// One subscriber's change of counts (<see cref="Tally"/>) as increments of the channel counters (<see cref="Layout"/>):
/// its channel's local-day hash, the UTC-day hashes of the live view (the channel's field and the all-channels one),
/// the current active counts and the rejection stats.
/// </summary>
public static class ChannelCounterChanges
{
    public static void Add(PartitionCommit commit, string ns, int partition, string channelId, Tally delta)
    {
        var daysKey = Layout.ChannelDays(ns, partition, channelId);
        foreach (var ((day, metric), by) in delta.Days)
        {
            commit.Increment(daysKey, Layout.DayField(DateOnly.FromDayNumber(day), MetricName(metric)), by, CounterMode.Sparse);
        }
        foreach (var ((day, metric), by) in delta.UtcDays)
        {
            var utcDayKey = Layout.UtcDay(ns, partition, DateOnly.FromDayNumber(day));
            commit.Increment(utcDayKey, Layout.UtcDayField(MetricName(metric), channelId), by, CounterMode.Sparse);
            commit.Increment(utcDayKey, Layout.UtcDayField(MetricName(metric), null), by, CounterMode.Sparse);
        }
        // Zeros too: they make the channel known.
        var channels = Layout.Channels(ns, partition);
        commit.Increment(channels, Layout.ChannelField(Layout.Current.ActiveTrial, channelId), delta.Sum(ChannelMetric.ActiveTrialChange), CounterMode.Known);
        commit.Increment(channels, Layout.ChannelField(Layout.Current.ActivePaid, channelId), delta.Sum(ChannelMetric.ActivePaidChange), CounterMode.Known);
        var stats = Layout.StatsKey(ns, partition);
        foreach (var (reason, by) in delta.Rejected)
        {
            commit.Increment(stats, Layout.Stats.RejectedPrefix + reason.Name(), by, CounterMode.Known);
        }
    }

    public static string MetricName(ChannelMetric metric) => metric switch
    {
        ChannelMetric.TrialStarts => Layout.Metrics.TrialStarts,
        ChannelMetric.PaidConversions => Layout.Metrics.PaidConversions,
        ChannelMetric.PaidStarts => Layout.Metrics.PaidStarts,
        ChannelMetric.TrialCancellations => Layout.Metrics.TrialCancellations,
        ChannelMetric.PaidCancellations => Layout.Metrics.PaidCancellations,
        ChannelMetric.ActiveTrialChange => Layout.Metrics.ActiveTrialChange,
        ChannelMetric.ActivePaidChange => Layout.Metrics.ActivePaidChange,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };
}
