using System.Runtime.InteropServices;
using Streaming.PartitionedState.Storage;
using Streaming.Sessionization.Domain;
using Layout = Streaming.PartitionedState.Layouts.PerformanceCounterLayout;

namespace Streaming.Sessionization.Storage;

/// <summary>
/// A batch's changes of the performance counters (<see cref="Layout"/>): per title, the title's and the all-titles
/// day hashes and the title totals. Changes are summed per title and bucket first, so each distinct key and field is
/// named once per batch, not once per event.
/// </summary>
public sealed class PerformanceCounterChanges(string ns, int partition)
{
    private readonly Dictionary<(string Title, BucketKey Bucket), BucketValue> _titleBuckets = [];

    public void Add(string titleId, Contribution delta)
    {
        foreach (var (bucket, value) in delta.Values)
        {
            ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(_titleBuckets, (titleId, bucket), out _);
            sum = new BucketValue(sum.WatchedMs + value.WatchedMs, sum.Streams + value.Streams);
        }
    }

    /// <summary>Turns the summed title buckets into hash increments (keys and field names built once each).</summary>
    public void AddTo(PartitionCommit commit)
    {
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
            Increment(commit, titleDay, names, value);
            Increment(commit, located.AllDay, names, value);
            Increment(commit, titles, (Layout.TitleWatchedField(titleId), Layout.TitleStreamsField(titleId)), value);
        }
    }

    private static void Increment(PartitionCommit commit, string key, (string Watched, string Streams) fields, BucketValue value)
    {
        if (value.WatchedMs != 0) commit.Increment(key, fields.Watched, value.WatchedMs, CounterMode.Sum);
        if (value.Streams != 0) commit.Increment(key, fields.Streams, value.Streams, CounterMode.Sum);
    }
}
