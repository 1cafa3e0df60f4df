using System.Runtime.InteropServices;
using Streaming.PartitionedState.Storage;
using Streaming.Sessionization.Domain;
using Layout = Streaming.PartitionedState.Layouts.PerformanceCounterLayout;

namespace Streaming.Sessionization.Storage;

/// <summary>
/// A batch's changes of the performance counters (<see cref="Layout"/>): per title, the title's and the all-titles
/// day hashes, the title totals, the day and month roll-ups (per title, and over all titles per offer and
/// marketplace), the day's quarter totals over everything, and a new version of each day changed and of the title totals. No roll-up is kept per title, offer and marketplace:
/// in a batch it is one more field per event for most events, and only queries that name titles and split offers or
/// marketplaces would read it (docs/benchmarks.md).
/// Changes are summed per title and bucket first, so each distinct key and field is named once per batch, not once per
/// event (the commit sums again what several quarters add to one roll-up field).
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
        var days = new Dictionary<long, Located>();
        var titleDays = new Dictionary<(string Title, DateOnly Day), string>();
        var fields = new Dictionary<(int Quarter, string Offer, string Marketplace), (string Watched, string Streams)>();
        var allFields = new Dictionary<(string Offer, string Marketplace), (string Watched, string Streams)>();
        var titleFields = new Dictionary<string, (string Watched, string Streams)>(StringComparer.Ordinal);
        var quarterTotals = new Dictionary<int, (string Watched, string Streams)>();
        foreach (var ((titleId, bucket), value) in _titleBuckets)
        {
            if (!days.TryGetValue(bucket.QuarterStartMs, out var located))
            {
                var (utcDay, q) = Layout.Locate(bucket.QuarterStartMs);
                days[bucket.QuarterStartMs] = located = new Located(utcDay, q, Layout.AllDay(ns, partition, utcDay),
                    Layout.DayTitles(ns, partition, utcDay), Layout.MonthTitles(ns, partition, utcDay.Year, utcDay.Month),
                    Layout.AllDayRollup(ns, partition, utcDay), Layout.AllMonthRollup(ns, partition, utcDay.Year, utcDay.Month),
                    Layout.AllQuarters(ns, partition, utcDay));
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
            if (!titleFields.TryGetValue(titleId, out var titleNames))
            {
                titleFields[titleId] = titleNames = (Layout.TitleWatchedField(titleId), Layout.TitleStreamsField(titleId));
            }
            if (!allFields.TryGetValue((bucket.Offer, bucket.Marketplace), out var allNames))
            {
                allFields[(bucket.Offer, bucket.Marketplace)] = allNames = (
                    Layout.AllTitlesField(bucket.Offer, bucket.Marketplace, Layout.WatchedSuffix),
                    Layout.AllTitlesField(bucket.Offer, bucket.Marketplace, Layout.StreamsSuffix));
            }
            if (!quarterTotals.TryGetValue(located.Quarter, out var totalNames))
            {
                quarterTotals[located.Quarter] = totalNames = (
                    Layout.QuarterTotalField(located.Quarter, Layout.WatchedSuffix), Layout.QuarterTotalField(located.Quarter, Layout.StreamsSuffix));
            }
            Increment(commit, titleDay, names, value);
            Increment(commit, located.AllQuarters, totalNames, value);
            Increment(commit, located.AllDay, names, value);
            Increment(commit, titles, titleNames, value);
            Increment(commit, located.DayTitles, titleNames, value);
            Increment(commit, located.MonthTitles, titleNames, value);
            Increment(commit, located.AllDayRollup, allNames, value);
            Increment(commit, located.AllMonthRollup, allNames, value);
        }
        if (days.Count > 0)
        {
            var version = Guid.NewGuid().ToString("N");
            foreach (var day in days.Values.Select(d => d.Day).Distinct())
            {
                commit.SetField(Layout.DayVersions(ns, partition), Layout.Day(day), version);
            }
            // Every change of a day also changes the all-time title totals (above): they take the same version.
            commit.SetField(Layout.DayVersions(ns, partition), Layout.TitlesVersionField, version);
        }
    }

    private sealed record Located(
        DateOnly Day, int Quarter, string AllDay, string DayTitles, string MonthTitles,
        string AllDayRollup, string AllMonthRollup, string AllQuarters);

    private static void Increment(PartitionCommit commit, string key, (string Watched, string Streams) fields, BucketValue value)
    {
        if (value.WatchedMs != 0) commit.Increment(key, fields.Watched, value.WatchedMs, CounterMode.Sum);
        if (value.Streams != 0) commit.Increment(key, fields.Streams, value.Streams, CounterMode.Sum);
    }
}
