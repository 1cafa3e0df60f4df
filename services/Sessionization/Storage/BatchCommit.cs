using System.Globalization;
using System.Runtime.InteropServices;
using StackExchange.Redis;
using Streaming.Sessionization.Domain;
using Layout = Streaming.Contracts.Redis.PerformanceCounterLayout;

namespace Streaming.Sessionization.Storage;

/// <summary>Everything one batch changes in Redis, gathered so that commit-batch.lua applies it in one step.</summary>
public sealed class BatchCommit
{
    private readonly List<TimelineWrite> _timelines = [];
    private readonly Dictionary<string, Dictionary<string, long>> _counters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _stats = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Title, BucketKey Bucket), BucketValue> _titleBuckets = [];
    private (string Ns, int Partition)? _counterScope;

    public IReadOnlyList<string> TimelineKeys => _timelines.Select(t => t.Key).ToList();

    /// <summary>
    /// A timeline's added and pruned events and its new version (<paramref name="expectedVersion"/> + 1);
    /// <paramref name="refreshTtl"/> renews its expiry (callers do it when their last renewal may be getting old).
    /// </summary>
    public void AddTimeline(string key, long expectedVersion, KeyTimeline timeline, ApplyResult result, bool refreshTtl)
    {
        // The version and the newest time go first: a small hash is a list that Redis searches front to back, so
        // fields written first are found at once by the next commit's version check and updates.
        var sets = new List<KeyValuePair<string, string>>
        {
            new(TimelineCodec.VersionField, (expectedVersion + 1).ToString(CultureInfo.InvariantCulture)),
        };
        if (result.Added.Count > 0)
        {
            sets.Add(new(TimelineCodec.MaxSeenField, timeline.MaxSeenMs!.Value.ToString(CultureInfo.InvariantCulture)));
        }
        if (result.AnchorChanged)
        {
            sets.Add(new(TimelineCodec.AnchorField, TimelineCodec.EncodeAnchor(timeline.Anchor!.Value, timeline.AnchorStream!)));
        }
        // Usually nothing or one event is pruned: the sets below are needed only when something is.
        var pruned = result.PrunedEventIds.Count == 0 ? null : result.PrunedEventIds.ToHashSet(StringComparer.Ordinal);
        foreach (var e in result.Added)
        {
            if (pruned is null || !pruned.Contains(e.EventId))
            {
                sets.Add(new(TimelineCodec.EventField(e.EventId), TimelineCodec.EncodeEvent(e)));
            }
        }
        var addedIds = pruned is null ? null : result.Added.Select(e => e.EventId).ToHashSet(StringComparer.Ordinal);
        var deletes = addedIds is null ? [] : result.PrunedEventIds.Where(id => !addedIds.Contains(id)).Select(TimelineCodec.EventField).ToList();
        _timelines.Add(new TimelineWrite(key, expectedVersion, refreshTtl, sets, deletes));
    }

    /// <summary>
    /// One timeline's counter change, into the title's and the all-titles day hashes and the title totals. Changes are
    /// summed per title and bucket first, so each distinct key and field is named once per batch, not once per event.
    /// </summary>
    public void AddCounters(string ns, int partition, string titleId, Contribution delta)
    {
        if (_counterScope is { } scope && scope != (ns, partition))
        {
            throw new InvalidOperationException("one commit writes the counters of one partition");
        }
        _counterScope = (ns, partition);
        foreach (var (bucket, value) in delta.Values)
        {
            ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(_titleBuckets, (titleId, bucket), out _);
            sum = new BucketValue(sum.WatchedMs + value.WatchedMs, sum.Streams + value.Streams);
        }
    }

    /// <summary>Turns the summed title buckets into hash increments (keys and field names built once each).</summary>
    private void NameCounters()
    {
        if (_counterScope is not var (ns, partition)) return;
        var titles = Layout.Titles(ns, partition);
        var days = new Dictionary<long, (DateOnly Day, int Quarter, string AllDay)>();
        var titleDays = new Dictionary<(string Title, DateOnly Day), string>();
        var fields = new Dictionary<(int Quarter, string Offer, string Marketplace), (string Watched, string Streams)>();
        foreach (var ((titleId, bucket), value) in _titleBuckets)
        {
            if (!days.TryGetValue(bucket.QuarterStartMs, out var located))
            {
                var (utcDay, q) = Layout.Locate(bucket.QuarterStartMs);
                days[bucket.QuarterStartMs] = located = (utcDay, q, Layout.AllDay(ns, partition, utcDay));
            }
            if (!titleDays.TryGetValue((titleId, located.Day), out var titleDay))
            {
                titleDays[(titleId, located.Day)] = titleDay = Layout.TitleDay(ns, partition, titleId, located.Day);
            }
            var fieldKey = (located.Quarter, bucket.Offer, bucket.Marketplace);
            if (!fields.TryGetValue(fieldKey, out var names))
            {
                fields[fieldKey] = names = (
                    Layout.DayField(located.Quarter, bucket.Offer, bucket.Marketplace, Layout.WatchedSuffix),
                    Layout.DayField(located.Quarter, bucket.Offer, bucket.Marketplace, Layout.StreamsSuffix));
            }
            Increment(titleDay, names.Watched, value.WatchedMs);
            Increment(titleDay, names.Streams, value.Streams);
            Increment(located.AllDay, names.Watched, value.WatchedMs);
            Increment(located.AllDay, names.Streams, value.Streams);
            Increment(titles, Layout.TitleWatchedField(titleId), value.WatchedMs);
            Increment(titles, Layout.TitleStreamsField(titleId), value.Streams);
        }
        _titleBuckets.Clear();
    }

    private void Increment(string key, string field, long by)
    {
        if (by == 0) return;
        if (!_counters.TryGetValue(key, out var fields))
        {
            _counters[key] = fields = new Dictionary<string, long>(StringComparer.Ordinal);
        }
        fields[field] = fields.GetValueOrDefault(field) + by;
    }

    public void Count(string statField, long by) => _stats[statField] = _stats.GetValueOrDefault(statField) + by;

    /// <summary>The KEYS and ARGV of commit-batch.lua (its header documents the layout), the live view's last.</summary>
    public (RedisKey[] Keys, RedisValue[] Args) Build(
        IReadOnlyList<string> markerKeys, string statsKey, string outboxKey, TimeSpan markerTtl, TimeSpan stateTtl, Guid batchId, string factsPayload,
        LiveCommit live)
    {
        NameCounters();
        var keys = new List<RedisKey>(markerKeys.Count + 2 + _timelines.Count + _counters.Count);
        keys.AddRange(markerKeys.Select(k => (RedisKey)k));
        keys.Add(statsKey);
        keys.Add(outboxKey);
        // Sized up front: a batch has thousands of arguments, and growing the list copies them again and again.
        var expected = 16 + _stats.Count * 2 + _counters.Sum(c => 1 + 2 * c.Value.Count) +
            _timelines.Sum(t => 4 + 2 * t.Sets.Count + t.Deletes.Count);
        var args = new List<RedisValue>(expected)
        {
            markerKeys.Count, (long)markerTtl.TotalSeconds, (long)stateTtl.TotalSeconds, batchId.ToString("N"), factsPayload, _timelines.Count,
        };
        foreach (var t in _timelines)
        {
            keys.Add(t.Key);
            args.Add(t.ExpectedVersion);
            args.Add(t.RefreshTtl ? 1 : 0);
            args.Add(t.Sets.Count);
            foreach (var (field, value) in t.Sets)
            {
                args.Add(field);
                args.Add(value);
            }
            args.Add(t.Deletes.Count);
            args.AddRange(t.Deletes.Select(d => (RedisValue)d));
        }
        var counters = _counters.Where(c => c.Value.Values.Any(v => v != 0)).ToList();
        args.Add(counters.Count);
        foreach (var (key, fields) in counters)
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
        args.Add(_stats.Count);
        foreach (var (field, by) in _stats)
        {
            args.Add(field);
            args.Add(by);
        }
        live.AppendTo(keys, args);
        return (keys.ToArray(), args.ToArray());
    }

    private sealed record TimelineWrite(string Key, long ExpectedVersion, bool RefreshTtl, List<KeyValuePair<string, string>> Sets, List<string> Deletes);
}
