using System.Globalization;
using StackExchange.Redis;
using Streaming.Subscriptions.Domain;
using Layout = Streaming.Contracts.Redis.ChannelCounterLayout;

namespace Streaming.Subscriptions.Storage;

/// <summary>Everything one batch changes in Redis, gathered so that commit-batch.lua applies it in one step.</summary>
public sealed class BatchCommit(string ns, int partition)
{
    private readonly List<TimelineWrite> _timelines = [];
    private readonly Dictionary<string, Dictionary<string, long>> _days = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _channels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _stats = new(StringComparer.Ordinal);

    public void AddTimeline(string key, long expectedVersion, SubscriberTimeline timeline, ApplyResult result)
    {
        var pruned = result.PrunedEventIds.ToHashSet(StringComparer.Ordinal);
        var addedIds = new HashSet<string>(StringComparer.Ordinal);
        var sets = new List<KeyValuePair<string, string>>();
        foreach (var e in result.Added)
        {
            addedIds.Add(e.EventId);
            if (!pruned.Contains(e.EventId))
            {
                sets.Add(new(TimelineCodec.EventField(e.EventId), TimelineCodec.EncodeEvent(e)));
            }
        }
        if (result.Added.Count > 0)
        {
            sets.Add(new(TimelineCodec.MaxSeenField, timeline.MaxSeenMs!.Value.ToString(CultureInfo.InvariantCulture)));
        }
        if (result.AnchorChanged)
        {
            sets.Add(new(TimelineCodec.AnchorField, TimelineCodec.EncodeAnchor(timeline.Anchor)));
        }
        var deletes = result.PrunedEventIds.Where(id => !addedIds.Contains(id)).Select(TimelineCodec.EventField).ToList();
        _timelines.Add(new TimelineWrite(key, expectedVersion, result.FinalState != SubscriptionState.None, sets, deletes));
    }

    /// <summary>
    /// One subscriber's change of counts, into its channel's day hash, the UTC-day hashes of the live view (the channel's
    /// field and the all-channels one), current counts and the rejection stats.
    /// </summary>
    public void AddCounts(string channelId, Tally delta)
    {
        var daysKey = Layout.ChannelDays(ns, partition, channelId);
        foreach (var ((day, metric), by) in delta.Days)
        {
            Increment(_days, daysKey, Layout.DayField(DateOnly.FromDayNumber(day), MetricName(metric)), by);
        }
        foreach (var ((day, metric), by) in delta.UtcDays)
        {
            var utcDayKey = Layout.UtcDay(ns, partition, DateOnly.FromDayNumber(day));
            Increment(_days, utcDayKey, Layout.UtcDayField(MetricName(metric), channelId), by);
            Increment(_days, utcDayKey, Layout.UtcDayField(MetricName(metric), null), by);
        }
        SeeChannel(channelId);
        _channels[Layout.ChannelField(Layout.Current.ActiveTrial, channelId)] += delta.Sum(ChannelMetric.ActiveTrialChange);
        _channels[Layout.ChannelField(Layout.Current.ActivePaid, channelId)] += delta.Sum(ChannelMetric.ActivePaidChange);
        foreach (var (reason, by) in delta.Rejected)
        {
            Count(Layout.Stats.RejectedPrefix + reason.Name(), by);
        }
    }

    public void Count(string statField, long by) => _stats[statField] = _stats.GetValueOrDefault(statField) + by;

    /// <summary>The KEYS and ARGV of commit-batch.lua (its header documents the layout).</summary>
    public (RedisKey[] Keys, RedisValue[] Args) Build(string markerKey, TimeSpan markerTtl, TimeSpan stateTtl)
    {
        var keys = new List<RedisKey>(3 + _timelines.Count + _days.Count)
        {
            markerKey, Layout.StatsKey(ns, partition), Layout.Channels(ns, partition),
        };
        var args = new List<RedisValue> { (long)markerTtl.TotalSeconds, (long)stateTtl.TotalSeconds, _timelines.Count };
        foreach (var t in _timelines)
        {
            keys.Add(t.Key);
            args.Add(t.ExpectedVersion);
            args.Add(t.KeepForGood ? 1 : 0);
            args.Add(t.Sets.Count);
            foreach (var (field, value) in t.Sets)
            {
                args.Add(field);
                args.Add(value);
            }
            args.Add(t.Deletes.Count);
            args.AddRange(t.Deletes.Select(d => (RedisValue)d));
        }
        var days = _days.Where(d => d.Value.Values.Any(v => v != 0)).ToList();
        args.Add(days.Count);
        foreach (var (key, fields) in days)
        {
            keys.Add(key);
            var nonZero = fields.Where(f => f.Value != 0).ToList();
            args.Add(nonZero.Count);
            foreach (var (field, by) in nonZero)
            {
                args.Add(field);
                args.Add(by);
            }
        }
        AddPairs(args, _channels); // zeros too: they make the channel known
        AddPairs(args, _stats);
        return (keys.ToArray(), args.ToArray());
    }

    private void SeeChannel(string channelId)
    {
        _channels.TryAdd(Layout.ChannelField(Layout.Current.ActiveTrial, channelId), 0);
        _channels.TryAdd(Layout.ChannelField(Layout.Current.ActivePaid, channelId), 0);
    }

    private static void AddPairs(List<RedisValue> args, Dictionary<string, long> pairs)
    {
        args.Add(pairs.Count);
        foreach (var (field, by) in pairs)
        {
            args.Add(field);
            args.Add(by);
        }
    }

    private static void Increment(Dictionary<string, Dictionary<string, long>> hashes, string key, string field, long by)
    {
        if (!hashes.TryGetValue(key, out var fields))
        {
            hashes[key] = fields = new Dictionary<string, long>(StringComparer.Ordinal);
        }
        fields[field] = fields.GetValueOrDefault(field) + by;
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

    private sealed record TimelineWrite(
        string Key, long ExpectedVersion, bool KeepForGood, List<KeyValuePair<string, string>> Sets, List<string> Deletes);
}
